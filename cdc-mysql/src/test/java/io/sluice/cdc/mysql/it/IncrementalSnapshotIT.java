package io.sluice.cdc.mysql.it;

import static io.sluice.cdc.mysql.it.StreamingIT.after;
import static io.sluice.cdc.mysql.it.StreamingIT.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An execute-snapshot signal reads a table in chunks while its rows keep changing; the streamed changes win, so
 * the rows rebuilt from the events equal the table at the end.
 */
class IncrementalSnapshotIT {

    private static final String TOPIC = "incr.cdc_my_incr.t";
    private static final String SIGNAL = "INSERT INTO sluice_signal VALUES ('%s', 'execute-snapshot', "
            + "'{\"data-collections\": [%s], \"type\": \"incremental\"}')";

    private TestDatabase db;

    @BeforeEach
    void createTables() throws Exception {
        db = new TestDatabase("incr");
        db.execute("CREATE TABLE sluice_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                        + "data VARCHAR(2048))",
                "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(20))",
                "CREATE TABLE hidden (id INT PRIMARY KEY)",
                "INSERT INTO hidden VALUES (1), (2)",
                "INSERT INTO t SELECT seq, 0, CONCAT('row ', seq) FROM seq_1_to_3000");
    }

    @AfterEach
    void dropTables() throws Exception {
        db.close();
    }

    private Map<String, String> config(long serverId, int chunkSize) {
        Map<String, String> config = TaskHarness.config("incr", db.name(), serverId);
        config.put("snapshot.mode", "no_data");
        config.put("include.schema.changes", "false");
        config.put("table.include.list", "cdc_my_incr\\.t");
        config.put("signal.data.collection", "cdc_my_incr.sluice_signal");
        config.put("incremental.snapshot.chunk.size", Integer.toString(chunkSize));
        return config;
    }

    @Test
    void snapshotsATableWhileItsRowsChangeAndTheEventsEndEqualToTheTable() throws Exception {
        AtomicBoolean snapshotDone = new AtomicBoolean();
        List<SourceRecord> records = new ArrayList<>();
        // Changes committed after a chunk's query and before its close watermark make its rows stale: the trigger
        // makes some at every close, in the close's own transaction before its row (inside the window). It also
        // inserts a row above the table's highest key, which the snapshot must leave to the stream.
        db.execute("CREATE TRIGGER stale_rows BEFORE INSERT ON sluice_signal FOR EACH ROW "
                + "IF NEW.type = 'snapshot-window-close' THEN "
                + "UPDATE t SET v = v + 1000, note = 'trigger' WHERE id MOD 7 = 0; "
                + "DELETE FROM t WHERE id MOD 11 = 0 ORDER BY id LIMIT 20; "
                + "INSERT INTO t SELECT COALESCE(MAX(id), 1000000) + 1, 0, 'late' FROM t WHERE id > 1000000; "
                + "END IF");
        try (TaskHarness task = new TaskHarness(config(5585, 500)).start();
                Connection writerConnection = TestDatabase.connect()) {
            Thread writer = new Thread(() -> writeWhile(writerConnection, snapshotDone));
            db.execute(String.format(SIGNAL, "s1", "\"cdc_my_incr.t\""));
            writer.start();
            boolean sawProgress = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                List<SourceRecord> batch = task.drain(Duration.ofMillis(200));
                records.addAll(batch);
                for (SourceRecord record : batch) {
                    sawProgress |= record.sourceOffset().containsKey("incremental_snapshot");
                }
                Map<String, ?> latest = task.committed().get(Map.of("server", "incr"));
                if (sawProgress && latest != null && !latest.containsKey("incremental_snapshot")) {
                    break;
                }
            }
            snapshotDone.set(true);
            writer.join();
            assertThat(sawProgress).isTrue();
            assertThat(task.committed().get(Map.of("server", "incr"))).doesNotContainKey("incremental_snapshot");
            // A last change marks the end of the stream; everything before it has come once it comes.
            db.execute("INSERT INTO t VALUES (999999, 1, 'end')");
            assertThat(db.queryString("SELECT COUNT(*) FROM t WHERE id > 1000000")).isNotEqualTo("0");
            records.addAll(task.takeUntil(r -> r.value() != null && after(r) != null
                    && after(r).getInt32("id") == 999999));
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName bean = new javax.management.ObjectName(
                    "io.sluice.cdc.mysql:type=streaming,server=\"incr\"");
            long written = (Long) jmx.getAttribute(bean, "IncrementalSnapshotRowsWritten");
            assertThat(written).isEqualTo(records.stream().filter(r -> r.value() != null && "r".equals(op(r))).count());
            assertThat((Long) jmx.getAttribute(bean, "IncrementalSnapshotRowsDropped")).as("rows the trigger changed")
                    .isPositive();
            assertThat(jmx.getAttribute(bean, "IncrementalSnapshotTables")).isEqualTo("");
        }
        List<SourceRecord> reads = records.stream().filter(r -> r.value() != null && "r".equals(op(r))).toList();
        assertThat(reads).isNotEmpty();
        assertThat(reads).noneMatch(r -> after(r).getInt32("id") > 1000000);
        assertThat(reads).allSatisfy(r -> assertThat(((Struct) r.value()).getStruct("source").getString("snapshot"))
                .isEqualTo("incremental"));
        assertThat(rebuild(records)).isEqualTo(table());
    }

    @Test
    void refusesATableThatIsNotCapturedWithAWarning() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        try (TaskHarness task = new TaskHarness(config(5586, 1000)).start()) {
            db.execute(String.format(SIGNAL, "s2", "\"cdc_my_incr.hidden\", \"cdc_my_incr.t\""));
            List<SourceRecord> reads = task.take(3000, r -> r.topic().equals(TOPIC) && "r".equals(op(r)));
            assertThat(reads.stream().map(r -> after(r).getInt32("id")).distinct()).hasSize(3000);
            db.execute("INSERT INTO hidden VALUES (3)", "INSERT INTO t VALUES (999999, 1, 'end')");
            List<SourceRecord> rest = task.takeUntil(r -> r.topic().equals(TOPIC) && r.value() != null
                    && after(r) != null && after(r).getInt32("id") == 999999);
            assertThat(rest).noneMatch(r -> r.topic().contains("hidden"));
        } finally {
            System.setErr(originalErr);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("Signal s2: cdc_my_incr.hidden is not captured");
    }

    @Test
    void aRestartedTaskContinuesAfterTheLastChunkWritten() throws Exception {
        Map<String, String> config = config(5587, 100);
        TreeSet<Integer> read = new TreeSet<>();
        try (TaskHarness task = new TaskHarness(config).start()) {
            db.execute(String.format(SIGNAL, "s3", "\"cdc_my_incr.t\""));
            // Three whole chunks and half of the fourth are taken (and committed) before the task stops.
            for (SourceRecord r : task.take(350, r -> r.topic().equals(TOPIC) && "r".equals(op(r)))) {
                read.add(after(r).getInt32("id"));
            }
            task.stop();
            assertThat(read).containsExactlyElementsOf(StreamingIT.range(1, 350));
            task.start();
            List<SourceRecord> rest = task.take(3000 - 300, r -> r.topic().equals(TOPIC) && "r".equals(op(r)));
            // The fourth chunk is read again in full; the first three are not.
            assertThat(after(rest.get(0)).getInt32("id")).isEqualTo(301);
            rest.forEach(r -> read.add(after(r).getInt32("id")));
        }
        assertThat(read).containsExactlyElementsOf(StreamingIT.range(1, 3000));
    }

    @Test
    void aSnapshotThatCannotWriteItsWatermarksIsAbandonedAndStreamingGoesOn() throws Exception {
        // As without INSERT on the signal table: the watermark insert fails with an error that is not a lost
        // connection.
        db.execute("CREATE TRIGGER no_watermarks BEFORE INSERT ON sluice_signal FOR EACH ROW "
                + "IF NEW.type = 'snapshot-window-open' THEN "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no watermarks here'; END IF");
        try (TaskHarness task = new TaskHarness(config(5588, 100)).start()) {
            db.execute(String.format(SIGNAL, "s5", "\"cdc_my_incr.t\""));
            db.execute("INSERT INTO t VALUES (999999, 1, 'end')");
            List<SourceRecord> records = task.takeUntil(r -> r.topic().equals(TOPIC) && r.value() != null
                    && after(r) != null && after(r).getInt32("id") == 999999);
            assertThat(records).noneMatch(r -> r.value() != null && "r".equals(op(r)));
            assertThat(records.get(records.size() - 1).sourceOffset()).doesNotContainKey("incremental_snapshot");
        }
    }

    /** Small transactions of updates, deletes and inserts on t until the snapshot is done. */
    private static void writeWhile(Connection connection, AtomicBoolean done) {
        Random random = new Random(42);
        int nextId = 3001;
        try (Statement statement = connection.createStatement()) {
            statement.execute("USE cdc_my_incr");
            for (int i = 0; i < 200_000 && !done.get(); i++) {
                int id = 1 + random.nextInt(3000);
                switch (random.nextInt(4)) {
                    case 0 -> statement.execute("DELETE FROM t WHERE id = " + id);
                    case 1 -> statement.execute("INSERT INTO t VALUES (" + nextId++ + ", 7, 'new')");
                    default -> statement.execute("UPDATE t SET v = v + 1, note = 'upd " + i + "' WHERE id = " + id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of t as the events tell: the latest after image per key, none after a delete. */
    private static Map<Integer, String> rebuild(List<SourceRecord> records) {
        Map<Integer, String> rows = new HashMap<>();
        for (SourceRecord record : records) {
            if (!record.topic().equals(TOPIC) || record.value() == null) {
                continue;
            }
            Struct key = (Struct) record.key();
            Struct after = after(record);
            if (after == null) {
                rows.remove(key.getInt32("id"));
            } else {
                rows.put(after.getInt32("id"), after.getInt32("v") + "/" + after.getString("note"));
            }
        }
        return rows;
    }

    private Map<Integer, String> table() throws Exception {
        Map<Integer, String> rows = new HashMap<>();
        try (Statement statement = db.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT id, v, note FROM t")) {
            while (result.next()) {
                rows.put(result.getInt(1), result.getInt(2) + "/" + result.getString(3));
            }
        }
        return rows;
    }

    /** Writes to two streams: the log keeps going to the console while the test reads it. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
