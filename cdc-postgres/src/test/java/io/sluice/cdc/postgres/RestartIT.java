package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static io.sluice.cdc.postgres.TaskRunner.op;
import static io.sluice.cdc.postgres.TaskRunner.snapshotMarker;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restarts resume after the last committed offset: nothing lost, nothing repeated. */
class RestartIT {

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("restart");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aRestartInsideATransactionSkipsExactlyTheCommittedRecords() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
        Map<String, String> config = db.config("snapshot.mode", "no_data");
        try (TaskRunner runner = new TaskRunner(config).start()) {
            db.transaction("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
            List<SourceRecord> records = runner.poll(3);
            runner.commit(records.subList(0, 2));
            runner.stop();

            long flushedBefore = confirmedFlush();
            db.execute("INSERT INTO t VALUES (4)");
            runner.start();
            List<SourceRecord> resumed = runner.poll(2);
            assertThat(resumed).extracting(r -> after(r).getInt32("id")).containsExactly(3, 4);
            assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
            runner.commit(resumed);
            // the slot confirms the transactions once all their records are acknowledged
            long deadline = System.currentTimeMillis() + 10_000;
            while (confirmedFlush() <= flushedBefore && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(confirmedFlush()).isGreaterThan(flushedBefore);
        }
    }

    @Test
    void anInterruptedSnapshotResumesRightAfterTheLastCommittedRow() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g");
        try (TaskRunner runner = new TaskRunner(db.config()).start()) {
            List<SourceRecord> first = runner.poll(10);
            runner.commit(first.subList(0, 7));
            runner.stop();

            runner.start();
            List<SourceRecord> rest = runner.poll(3);
            assertThat(rest).extracting(r -> after(r).getInt32("id")).containsExactly(8, 9, 10);
            assertThat(rest).extracting(TaskRunner::op).containsOnly("r");
            assertThat(snapshotMarker(rest.get(2))).isEqualTo("last");
            assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
            runner.commit(rest);
            db.execute("INSERT INTO t VALUES (11, 'v11')");
            List<SourceRecord> streamed = runner.poll(1);
            assertThat(op(streamed.get(0))).isEqualTo("c");
            assertThat(after(streamed.get(0)).getInt32("id")).isEqualTo(11);
        }
    }

    /**
     * The fault suite's kill -9 during a snapshot, before Connect stored any offset: the restarted task snapshots
     * again, and the changes made meanwhile (the delete of a row the first attempt already sent above all) must
     * still come through the stream: the slot is kept and replayed, not re-created.
     */
    @Test
    void aSnapshotKilledBeforeAnyOffsetLosesNoChangeMadeMeanwhile() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g");
        try (TaskRunner runner = new TaskRunner(db.config()).start()) {
            List<SourceRecord> first = runner.poll(10);
            assertThat(first).extracting(TaskRunner::op).containsOnly("r");
            runner.stop(); // nothing committed: as after a kill before the first offset flush
            db.execute("DELETE FROM t WHERE id = 3", "UPDATE t SET v = 'changed' WHERE id = 5",
                    "INSERT INTO t VALUES (11, 'v11')");

            runner.start();
            List<SourceRecord> again = runner.pollUntil(r -> "c".equals(op(r)) && after(r).getInt32("id") == 11);
            assertThat(again).filteredOn(r -> "d".equals(op(r)))
                    .extracting(r -> TaskRunner.before(r).getInt32("id")).containsExactly(3);
            java.util.Map<Integer, String> state = new java.util.HashMap<>();
            for (SourceRecord r : again) {
                if (r.value() == null) {
                    continue;
                }
                if ("d".equals(op(r))) {
                    state.remove(TaskRunner.before(r).getInt32("id"));
                } else {
                    state.put(after(r).getInt32("id"), after(r).getString("v"));
                }
            }
            assertThat(state).doesNotContainKey(3).containsEntry(5, "changed").containsEntry(11, "v11").hasSize(10);
        }
    }

    @Test
    void aRestartRightAfterTheSnapshotStreamsEveryLaterChangeOnce() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
        try (TaskRunner runner = new TaskRunner(db.config()).start()) {
            runner.commit(runner.poll(2));
            runner.stop();
            db.execute("INSERT INTO t VALUES (3)", "UPDATE t SET id = 4 WHERE id = 1");
            runner.start();
            List<SourceRecord> records = runner.poll(4);
            assertThat(records).extracting(TaskRunner::op).containsExactly("c", "d", null, "c");
            assertThat(after(records.get(0)).getInt32("id")).isEqualTo(3);
            assertThat(after(records.get(3)).getInt32("id")).isEqualTo(4);
            assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void writesDuringTheSnapshotArriveExactlyOnce() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int)",
                "INSERT INTO t SELECT g, 0 FROM generate_series(1, 20000) g");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger nextId = new AtomicInteger(20_001);
        Thread writer = new Thread(() -> {
            try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, 1)");
                    PreparedStatement update = c.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
                while (writing.get()) {
                    int id = nextId.getAndIncrement();
                    insert.setInt(1, id);
                    insert.executeUpdate();
                    update.setInt(1, id % 20_000 + 1);
                    update.executeUpdate();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Map<String, String> config = db.config("snapshot.fetch.size", "500", "max.queue.size", "200",
                "max.batch.size", "100");
        try (TaskRunner runner = new TaskRunner(config).start()) {
            List<SourceRecord> records = new ArrayList<>(runner.pollUntil(r -> "last".equals(snapshotMarkerOrNull(r))));
            writing.set(false);
            writer.join();
            int lastId = nextId.get() - 1;
            assertThat(lastId).as("rows written while the snapshot ran").isGreaterThan(20_000);
            Map<Integer, Integer> state = new HashMap<>();
            records.addAll(runner.pollUntil(r -> r.value() != null && after(r) != null
                    && after(r).getInt32("id") == lastId && "c".equals(op(r))));
            records.addAll(runner.pollFor(Duration.ofMillis(1000)));
            Map<Integer, Integer> creates = new HashMap<>();
            for (SourceRecord r : records) {
                String op = op(r);
                if ("r".equals(op) || "c".equals(op)) {
                    creates.merge(after(r).getInt32("id"), 1, Integer::sum);
                }
                if ("r".equals(op) || "c".equals(op) || "u".equals(op)) {
                    state.put(after(r).getInt32("id"), after(r).getInt32("v"));
                }
            }
            assertThat(creates.values()).as("each row read or created once").containsOnly(1);
            Map<Integer, Integer> table = new HashMap<>();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, v FROM t")) {
                while (rs.next()) {
                    table.put(rs.getInt(1), rs.getInt(2));
                }
            }
            assertThat(state).isEqualTo(table);
        }
    }

    private static String snapshotMarkerOrNull(SourceRecord r) {
        return r.value() == null ? null : snapshotMarker(r);
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
