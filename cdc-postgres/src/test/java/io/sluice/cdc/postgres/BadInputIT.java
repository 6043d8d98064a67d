package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Damage around the connector ends in a recovery or in an error that says what happened and what to do. */
class BadInputIT {

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("bad");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aSlotDroppedWhileStoppedFailsTheStartWithAnExplanation() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data")).start()) {
            db.execute("INSERT INTO t VALUES (1)");
            runner.commit(runner.poll(1));
            runner.stop();
            db.execute("SELECT pg_drop_replication_slot('" + db.name + "')");
            assertThatThrownBy(runner::start).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("does not exist").hasMessageContaining("when_needed");
        }
    }

    @Test
    void whenNeededTakesANewSnapshotAfterTheSlotWasDropped() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "when_needed")).start()) {
            db.execute("INSERT INTO t VALUES (1)");
            runner.commit(runner.poll(1));
            runner.stop();
            db.execute("SELECT pg_drop_replication_slot('" + db.name + "')", "INSERT INTO t VALUES (2)");
            runner.start();
            List<SourceRecord> records = runner.poll(2);
            assertThat(records).extracting(TaskRunner::op).containsOnly("r");
            assertThat(records).extracting(r -> after(r).getInt32("id")).containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void aPublicationDroppedWhileStreamingFailsTheTaskWithAnExplanation() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data")).start()) {
            db.execute("DROP PUBLICATION " + db.name, "INSERT INTO t VALUES (1)");
            assertThatThrownBy(() -> runner.pollFor(Duration.ofSeconds(10))).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("publication");
        }
    }

    @Test
    void aDroppedTableStopsProducingAndTheOthersGoOn() throws Exception {
        db.execute("CREATE TABLE other (id int PRIMARY KEY)");
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data")).start()) {
            db.execute("INSERT INTO t VALUES (1)", "DROP TABLE t", "INSERT INTO other VALUES (2)");
            List<SourceRecord> records = runner.poll(2);
            assertThat(records).extracting(SourceRecord::topic).containsExactly("test.public.t", "test.public.other");
        }
    }

    @Test
    void heartbeatsMoveTheSlotWhileCapturedTablesIdle() throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data", "table.include.list",
                "public\\.t", "publication.autocreate.mode", "filtered", "heartbeat.interval.ms", "100")).start()) {
            long before = confirmedFlush();
            db.execute("INSERT INTO busy SELECT generate_series(1, 1000)");
            long deadline = System.currentTimeMillis() + 20_000;
            boolean sawHeartbeat = false;
            while (System.currentTimeMillis() < deadline && (confirmedFlush() <= before || !sawHeartbeat)) {
                List<SourceRecord> records = runner.pollFor(Duration.ofMillis(300));
                sawHeartbeat |= records.stream().anyMatch(r -> r.topic().equals("__debezium-heartbeat.test"));
                runner.commit(records);
            }
            assertThat(sawHeartbeat).isTrue();
            assertThat(confirmedFlush()).isGreaterThan(before);
        }
    }

    private long confirmedFlush() throws Exception {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT confirmed_flush_lsn - '0/0' FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, db.name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
