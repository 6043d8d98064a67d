package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static io.sluice.cdc.postgres.TaskRunner.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An execute-snapshot signal reads a table in chunks while changes keep streaming; the streamed values win. */
class IncrementalSnapshotIT {

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("incremental");
        db.execute("CREATE TABLE sluice_signal (id text PRIMARY KEY, type text NOT NULL, data text)",
                "CREATE TABLE t (id int PRIMARY KEY, v int)",
                "INSERT INTO t SELECT g, 0 FROM generate_series(1, 25) g");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aSignalSnapshotsTheTableInChunksAndStreamedChangesWin() throws Exception {
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data",
                "signal.data.collection", "public.sluice_signal", "incremental.snapshot.chunk.size", "10")).start()) {
            db.execute("INSERT INTO sluice_signal VALUES ('s1', 'execute-snapshot', "
                    + "'{\"data-collections\": [\"public.t\"], \"type\": \"incremental\"}')");
            List<SourceRecord> records = new ArrayList<>();
            Set<Integer> read = new HashSet<>();
            int closedChunks = 0;
            int updates = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            // 25 rows in chunks of 10: three chunks, each ending with a close watermark in the signal table
            while (closedChunks < 3 && System.currentTimeMillis() < deadline) {
                if (updates < 25) {
                    updates++;
                    db.execute("UPDATE t SET v = v + 1 WHERE id = " + updates);
                }
                for (SourceRecord r : runner.pollFor(Duration.ofMillis(100))) {
                    records.add(r);
                    if (r.topic().equals("test.public.sluice_signal") && "c".equals(op(r))
                            && after(r).getString("type").equals("snapshot-window-close")) {
                        closedChunks++;
                    }
                    if (r.topic().equals("test.public.t") && "r".equals(op(r))) {
                        assertThat(read.add(after(r).getInt32("id"))).as("read once").isTrue();
                        assertThat(TaskRunner.snapshotMarker(r)).isEqualTo("incremental");
                    }
                }
                runner.commit(records);
            }
            while (updates < 25) {
                updates++;
                db.execute("UPDATE t SET v = v + 1 WHERE id = " + updates);
            }
            records.addAll(runner.pollFor(Duration.ofSeconds(2)));
            assertThat(closedChunks).isEqualTo(3);
            // A row changed while its chunk's window was open is represented by the streamed change instead.
            Set<Integer> covered = new HashSet<>(read);
            for (SourceRecord r : records) {
                if (r.topic().equals("test.public.t") && "u".equals(op(r))) {
                    covered.add(after(r).getInt32("id"));
                }
            }
            assertThat(covered).hasSize(25);
            assertThat(read).hasSizeGreaterThan(0);

            Map<Integer, Integer> state = new HashMap<>();
            for (SourceRecord r : records) {
                if (r.topic().equals("test.public.t") && r.value() != null && after(r) != null) {
                    state.put(after(r).getInt32("id"), after(r).getInt32("v"));
                }
            }
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

    @Test
    void aRestartContinuesAfterTheLastChunkKafkaHas() throws Exception {
        db.execute("INSERT INTO t SELECT g, 0 FROM generate_series(26, 45) g");
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.mode", "no_data",
                "signal.data.collection", "public.sluice_signal", "incremental.snapshot.chunk.size", "10")).start()) {
            db.execute("INSERT INTO sluice_signal VALUES ('s2', 'execute-snapshot', "
                    + "'{\"data-collections\": [\"public.t\"], \"type\": \"incremental\"}')");
            // Up to the window opening after the first chunk's ten rows: offsets from there say "after chunk 1".
            List<SourceRecord> records = new ArrayList<>();
            Set<Integer> readBefore = new HashSet<>();
            long deadline = System.currentTimeMillis() + 60_000;
            int committedUpTo = -1;
            while (committedUpTo < 0 && System.currentTimeMillis() < deadline) {
                for (SourceRecord r : runner.pollFor(Duration.ofMillis(100))) {
                    records.add(r);
                    if (r.topic().equals("test.public.t") && "r".equals(op(r))) {
                        readBefore.add(after(r).getInt32("id"));
                    } else if (committedUpTo < 0 && readBefore.size() == 10 && r.topic().equals("test.public.sluice_signal")
                            && "c".equals(op(r)) && after(r).getString("type").equals("snapshot-window-open")) {
                        committedUpTo = records.size();
                    }
                }
            }
            assertThat(committedUpTo).as("the second chunk's window opened").isPositive();
            assertThat(readBefore).containsAll(range(1, 10));
            runner.commit(records.subList(0, committedUpTo));
            runner.stop();

            runner.start();
            Set<Integer> readAfter = new HashSet<>();
            deadline = System.currentTimeMillis() + 60_000;
            while (!readAfter.containsAll(range(11, 45)) && System.currentTimeMillis() < deadline) {
                for (SourceRecord r : runner.pollFor(Duration.ofMillis(200))) {
                    if (r.topic().equals("test.public.t") && "r".equals(op(r))) {
                        readAfter.add(after(r).getInt32("id"));
                    }
                }
            }
            assertThat(readAfter).as("rows read after the restart").containsAll(range(11, 45));
            assertThat(readAfter).as("the first chunk is not read again").doesNotContainAnyElementsOf(range(1, 10));
        }
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> ids = new HashSet<>();
        for (int i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
