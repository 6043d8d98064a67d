package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotModesIT {

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("modes");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void initialOnlyStopsAfterTheSnapshot() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "initial_only")).start()) {
            assertThat(runner.poll(2)).extracting(TaskRunner::op).containsOnly("r");
            db.execute("INSERT INTO t VALUES (3)");
            assertThat(runner.pollFor(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void alwaysSnapshotsAgainAtEveryStart() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "always")).start()) {
            runner.commit(runner.poll(2));
            runner.stop();
            db.execute("INSERT INTO t VALUES (3)");
            runner.start();
            List<SourceRecord> again = runner.poll(3);
            assertThat(again).extracting(TaskRunner::op).containsOnly("r");
            assertThat(again).extracting(r -> after(r).getInt32("id")).containsExactlyInAnyOrder(1, 2, 3);
        }
    }

    @Test
    void neverStreamsFromNowWithoutReadingRows() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "never")).start()) {
            db.execute("INSERT INTO t VALUES (3)");
            List<SourceRecord> records = runner.poll(1);
            assertThat(records).hasSize(1);
            assertThat(TaskRunner.op(records.get(0))).isEqualTo("c");
        }
    }

    @Test
    void theSlotIsDroppedOnStopWhenAskedAndMetricsAreExposed() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("slot.drop.on.stop", "true")).start()) {
            runner.commit(runner.poll(2));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.sluice.cdc.postgres:type=connector-metrics,server=\"test\"");
            assertThat(server.getAttribute(name, "SnapshotRowsRead")).isEqualTo(2L);
            // The snapshot thread marks itself completed just after it queued its last record, which the task may
            // already have handed out.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Boolean.TRUE.equals(server.getAttribute(name, "SnapshotCompleted")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.getAttribute(name, "SnapshotCompleted")).isEqualTo(true);
            db.execute("INSERT INTO t VALUES (3)");
            runner.poll(1);
            assertThat(server.getAttribute(name, "Connected")).isEqualTo(true);
            assertThat((Long) server.getAttribute(name, "TotalNumberOfEventsSeen")).isGreaterThanOrEqualTo(1L);
            assertThat((String) server.getAttribute(name, "LastReceivedLsn")).isNotEqualTo("0/0");
            runner.stop();
            assertThat(server.isRegistered(name)).isFalse();
        }
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, db.name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
