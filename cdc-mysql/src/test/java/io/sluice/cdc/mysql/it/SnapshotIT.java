package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot: chunks, parallel tables, markers, hand-over to streaming, resuming after a restart. */
class SnapshotIT {

    private TestDatabase db;

    @BeforeEach
    void createTables() throws Exception {
        db = new TestDatabase("snap");
        db.execute("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(20))",
                "CREATE TABLE b (k1 VARCHAR(10), k2 INT, v INT, PRIMARY KEY (k1, k2))",
                "CREATE TABLE nokey (v INT)");
        StringBuilder a = new StringBuilder("INSERT INTO a VALUES ");
        StringBuilder b = new StringBuilder("INSERT INTO b VALUES ");
        for (int i = 1; i <= 100; i++) {
            a.append(i == 1 ? "" : ",").append("(").append(i).append(", 'a").append(i).append("')");
            b.append(i == 1 ? "" : ",").append("('g").append(i % 3).append("', ").append(i).append(", ").append(i)
                    .append(")");
        }
        db.execute(a.toString(), b.toString(), "INSERT INTO nokey VALUES (1), (2), (3)");
    }

    @AfterEach
    void dropTables() throws Exception {
        db.close();
    }

    private Map<String, String> config(long serverId) {
        Map<String, String> config = TaskHarness.config("snap", db.name(), serverId);
        config.put("snapshot.chunk.size", "7");
        config.put("snapshot.max.threads", "2");
        config.put("include.schema.changes", "false");
        return config;
    }

    @Test
    void snapshotsEveryTableInChunksThenStreamsWithoutGapOrDuplicate() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger(1000);
        // Writes go on while the snapshot starts and runs: each must arrive exactly once, read or streamed.
        Thread writer = new Thread(() -> {
            try (Connection connection = TestDatabase.connect();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO `" + db.name() + "`.a VALUES (?, 'w')")) {
                while (writing.get()) {
                    insert.setInt(1, written.incrementAndGet());
                    insert.executeUpdate();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        List<SourceRecord> records = new ArrayList<>();
        try (TaskHarness task = new TaskHarness(config(5520)).start()) {
            records.addAll(task.takeUntil(r -> r.value() != null
                    && "last".equals(source(r).getString("snapshot"))));
            Thread.sleep(300);
            writing.set(false);
            writer.join();
            int last = written.get();
            records.addAll(task.takeUntil(r -> r.key() != null && r.topic().equals("snap.cdc_my_snap.a")
                    && ((Struct) r.key()).getInt32("id") == last));
            records.addAll(task.drain(Duration.ofMillis(500)));

            List<SourceRecord> snapshot = records.stream().filter(r -> "r".equals(StreamingIT.op(r))).toList();
            assertThat(source(snapshot.get(0)).getString("snapshot")).isEqualTo("first");
            assertThat(source(snapshot.get(snapshot.size() - 1)).getString("snapshot")).isEqualTo("last");
            assertThat(snapshot.get(snapshot.size() - 1).sourceOffset()).doesNotContainKey("snapshot");
            assertThat(snapshot.subList(1, snapshot.size() - 1))
                    .allMatch(r -> source(r).getString("snapshot").equals("true"));
            assertThat(snapshot.stream().filter(r -> r.topic().endsWith(".b"))).hasSize(100);
            assertThat(snapshot.stream().filter(r -> r.topic().endsWith(".nokey"))).hasSize(3);

            Map<Integer, Integer> seen = new HashMap<>();
            for (SourceRecord record : records) {
                if (record.topic().equals("snap.cdc_my_snap.a") && record.value() != null) {
                    seen.merge(StreamingIT.after(record).getInt32("id"), 1, Integer::sum);
                }
            }
            for (int id = 1; id <= 100; id++) {
                assertThat(seen.get(id)).as("id " + id).isEqualTo(1);
            }
            for (int id = 1001; id <= last; id++) {
                assertThat(seen.get(id)).as("written id " + id).isEqualTo(1);
            }
            assertThat(seen).hasSize(100 + last - 1000);
        }
    }

    @Test
    void restartedSnapshotContinuesAfterTheLastFinishedChunk() throws Exception {
        Map<String, String> config = config(5521);
        config.put("snapshot.max.threads", "1");
        config.put("table.include.list", db.name() + "\\.a");
        config.put("max.queue.size", "1");
        config.put("max.batch.size", "1");
        TaskHarness task = new TaskHarness(config).start();
        try {
            // 30 rows: four chunks of 7 done (28 rows), the fifth in progress.
            List<SourceRecord> first = task.take(30, "snap.cdc_my_snap.a");
            assertThat(first.get(27).sourceOffset().get("snapshot_progress").toString()).contains("\t28\n");
            task.stop();

            task.start();
            List<SourceRecord> rest = task.take(72, "snap.cdc_my_snap.a");
            assertThat(StreamingIT.ids(rest)).containsExactlyElementsOf(StreamingIT.range(29, 100));
            assertThat(source(rest.get(rest.size() - 1)).getString("snapshot")).isEqualTo("last");
            // Streaming starts at the position of the first snapshot attempt.
            assertThat(rest.get(rest.size() - 1).sourceOffset().get("pos"))
                    .isEqualTo(first.get(0).sourceOffset().get("pos"));
            task.stop();

            task.start();
            db.execute("INSERT INTO a VALUES (200, 'after')");
            List<SourceRecord> streamed = task.take(1, "snap.cdc_my_snap.a");
            assertThat(StreamingIT.op(streamed.get(0))).isEqualTo("c");
            assertThat(StreamingIT.ids(streamed)).containsExactly(200);
        } finally {
            task.close();
        }
    }

    @Test
    void withoutLockingNothingIsLost() throws Exception {
        Map<String, String> config = config(5522);
        config.put("snapshot.locking.mode", "none");
        config.put("table.include.list", db.name() + "\\.a");
        try (TaskHarness task = new TaskHarness(config).start()) {
            List<SourceRecord> snapshot = task.takeUntil(r -> r.value() != null
                    && "last".equals(source(r).getString("snapshot")));
            db.execute("INSERT INTO a VALUES (500, 'after')");
            List<SourceRecord> streamed = task.takeUntil(r -> r.key() != null
                    && ((Struct) r.key()).getInt32("id") == 500);
            assertThat(StreamingIT.ids(snapshot)).containsExactlyElementsOf(StreamingIT.range(1, 100));
            assertThat(StreamingIT.op(streamed.get(streamed.size() - 1))).isEqualTo("c");
        }
    }

    @Test
    void aNewSnapshotReadsNoRowBeforeItsStartIsStoredAndAKilledOneResumesFromThere() throws Exception {
        Map<String, String> config = config(5523);
        config.put("table.include.list", db.name() + "\\.a");
        Map<String, ?> start;
        try (TaskHarness first = new TaskHarness(config).start()) {
            // The worker has stored nothing yet: the task writes its start position and reads no row.
            List<SourceRecord> polled = first.pollUncommitted(Duration.ofSeconds(2));
            assertThat(polled).hasSize(1);
            assertThat(TaskHarness.isSnapshotStart(polled.get(0))).isTrue();
            start = polled.get(0).sourceOffset();
            first.seedOffset(polled.get(0).sourcePartition(), start);
            // Stored: the rows follow.
            assertThat(first.take(100, r -> r.topic().endsWith(".a"))).allMatch(r -> "r".equals(StreamingIT.op(r)));
        }
        // As if the worker had died having stored only that start: a row the lost attempt emitted is deleted.
        db.execute("DELETE FROM a WHERE id = 7");
        try (TaskHarness second = new TaskHarness(config)) {
            second.seedOffset(Map.of("server", "snap"), start);
            second.start();
            List<SourceRecord> records = second.takeUntil(r -> r.value() != null && "d".equals(StreamingIT.op(r)));
            SourceRecord delete = records.get(records.size() - 1);
            assertThat(((Struct) delete.key()).getInt32("id")).isEqualTo(7);
            assertThat(records.stream().filter(r -> "r".equals(StreamingIT.op(r)))).hasSize(99);
        }
    }

    private static Struct source(SourceRecord record) {
        return ((Struct) record.value()).getStruct("source");
    }
}
