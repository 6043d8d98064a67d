package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static io.sluice.cdc.postgres.TaskRunner.before;
import static io.sluice.cdc.postgres.TaskRunner.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgoutput protocol 2: with logical_decoding_work_mem at its 64 kB minimum (set through {@code driver.options}),
 * the server streams each of these transactions before it commits. The connector must emit a streamed transaction
 * only at its commit, in commit order, without the work of rolled-back savepoints, and nothing of a rollback.
 */
class LargeTransactionStreamingIT {

    private static final int ROWS = 3000;
    /** ROWS rows of about 100 bytes: far more than the 64 kB the server decodes before it streams. */
    private static final String INSERT_LARGE = "INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, "
            + ROWS + ") g";

    @TempDir
    Path spoolDir;
    private TestDatabase db;
    private TaskRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("streaming");
        db.execute("CREATE TABLE big (id int PRIMARY KEY, payload text)", "CREATE TABLE small (id int PRIMARY KEY)");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) {
            runner.close();
        }
        db.close();
    }

    private Map<String, String> config(String... overrides) {
        Map<String, String> config = db.config("snapshot.mode", "no_data",
                "driver.options", "-c logical_decoding_work_mem=64kB", "pgoutput.streaming.spool.dir", spoolDir.toString());
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    /** Starts the task and waits until it streams, by way of one small change. */
    private void startStreaming(Map<String, String> config) throws Exception {
        runner = new TaskRunner(config).start();
        db.execute("INSERT INTO small VALUES (1)");
        runner.commit(runner.poll(1));
    }

    @Test
    void aStreamedTransactionIsEmittedAtItsCommitWithoutItsRolledBackSavepoint() throws Exception {
        startStreaming(config());
        try (Connection large = db.connect(); Statement st = large.createStatement()) {
            large.setAutoCommit(false);
            st.execute("INSERT INTO big SELECT g, repeat('x', 100) || g FROM generate_series(1, " + ROWS + ") g");
            st.execute("SAVEPOINT undone");
            st.execute("INSERT INTO big SELECT g, repeat('y', 100) FROM generate_series(100001, 101000) g");
            st.execute("ROLLBACK TO SAVEPOINT undone");
            st.execute("SAVEPOINT kept");
            st.execute("INSERT INTO big SELECT g, 'kept' FROM generate_series(200001, 200100) g");
            st.execute("RELEASE SAVEPOINT kept");
            st.execute("UPDATE big SET payload = 'updated' WHERE id <= 10");
            st.execute("DELETE FROM big WHERE id BETWEEN 11 AND 20");
            awaitSpoolFiles(1);

            // A small transaction that commits while the large one is open comes first, alone.
            db.execute("INSERT INTO small VALUES (2)");
            List<SourceRecord> first = runner.pollUntil(r -> r.topic().equals("test.public.small"));
            assertThat(first).extracting(SourceRecord::topic).containsExactly("test.public.small");
            assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
            large.commit();
        }
        int expected = ROWS + 100 + 10 + 10 * 2; // creates, kept creates, updates, deletes with their tombstones
        List<SourceRecord> records = runner.poll(expected);
        assertThat(records).hasSize(expected);
        assertThat(records).extracting(SourceRecord::topic).containsOnly("test.public.big");
        List<Integer> created = new ArrayList<>();
        for (SourceRecord r : records) {
            if ("c".equals(op(r))) {
                created.add(after(r).getInt32("id"));
            }
        }
        assertThat(created).hasSize(ROWS + 100).allMatch(id -> id <= ROWS || (id > 200000 && id <= 200100));
        assertThat(created.subList(0, ROWS)).isSorted();
        assertThat(after(records.get(0)).getString("payload")).isEqualTo("x".repeat(100) + "1");
        List<SourceRecord> updates = records.stream().filter(r -> "u".equals(op(r))).toList();
        assertThat(updates).hasSize(10).allMatch(r -> after(r).getString("payload").equals("updated"));
        List<SourceRecord> deletes = records.stream().filter(r -> "d".equals(op(r))).toList();
        assertThat(deletes).extracting(r -> before(r).getInt32("id")).containsExactly(11, 12, 13, 14, 15, 16, 17, 18,
                19, 20);
        assertThat(records.get(expected - 1).value()).as("the last delete's tombstone").isNull();
        // One transaction: every event carries the same commit position.
        assertThat(records.stream().map(r -> r.sourceOffset().get("lsn_commit")).distinct()).hasSize(1);
        assertThat(spoolFiles()).isEmpty();
        runner.commit(records);
    }

    @Test
    void aStreamedTransactionThatRollsBackEmitsNothing() throws Exception {
        startStreaming(config());
        try (Connection large = db.connect(); Statement st = large.createStatement()) {
            large.setAutoCommit(false);
            st.execute(INSERT_LARGE);
            awaitSpoolFiles(1);
            large.rollback();
        }
        awaitSpoolFiles(0);
        db.execute("INSERT INTO small VALUES (3)");
        List<SourceRecord> next = runner.pollUntil(r -> r.topic().equals("test.public.small"));
        assertThat(next).hasSize(1);
        assertThat(after(next.get(0)).getInt32("id")).isEqualTo(3);
    }

    @Test
    void aTransactionStreamedBeforeARestartIsEmittedOnceAfterIt() throws Exception {
        startStreaming(config());
        try (Connection large = db.connect(); Statement st = large.createStatement()) {
            large.setAutoCommit(false);
            st.execute(INSERT_LARGE);
            awaitSpoolFiles(1);
            runner.stop();
            assertThat(spoolFiles()).as("spool files left by the stopped task").isEmpty();
            large.commit();
        }
        runner.start();
        List<SourceRecord> records = runner.poll(ROWS);
        assertThat(records).extracting(r -> ((Struct) r.key()).getInt32("id")).doesNotHaveDuplicates().hasSize(ROWS);
        assertThat(records).extracting(TaskRunner::op).containsOnly("c");
        assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void withStreamingOffTheSameTransactionArrivesThroughProtocolOne() throws Exception {
        startStreaming(config("pgoutput.streaming", "false"));
        db.transaction(INSERT_LARGE);
        List<SourceRecord> records = runner.poll(ROWS);
        assertThat(records).hasSize(ROWS);
        assertThat(spoolFiles()).isEmpty();
    }

    private void awaitSpoolFiles(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (spoolFiles().size() != count) {
            assertThat(System.nanoTime()).as("waiting for %d spool file(s) in %s", count, spoolDir).isLessThan(deadline);
            // Nothing may be emitted while the transaction is open.
            runner.pollFor(Duration.ofMillis(100)).forEach(r -> {
                throw new AssertionError("Unexpected record while waiting: " + r);
            });
        }
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.toList();
        }
    }
}
