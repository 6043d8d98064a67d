package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The row loss of timestamp polling: transaction A stamps a row, transaction B stamps a later row and commits
 * first, the source copies B and moves its offset past A's timestamp, then A commits. Reading only up to the
 * database clock minus the delay keeps A's row in reach until it has committed.
 */
class LateCommitIT {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRowCommittedLateWithAnOlderTimestampIsNotMissed(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "late")) {
            List<SourceRecord> records = runLateCommit(db, engine, "mode", "timestamp", "2000");
            assertThat(TaskRun.column(records, "name")).containsExactly("early-but-late", "later");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampIncrementingAlsoWaitsForTheLateRow(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "late_inc")) {
            List<SourceRecord> records = runLateCommit(db, engine, "incrementing.column.name", "id", "2000");
            assertThat(TaskRun.column(records, "name")).containsExactly("early-but-late", "later");
        }
    }

    /** The control: without a delay (Confluent's default) the same interleaving loses the late row. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutADelayTheLateRowIsLost(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "late_nodelay")) {
            List<SourceRecord> records = runLateCommit(db, engine, "mode", "timestamp", "0");
            assertThat(TaskRun.column(records, "name")).containsExactly("later");
        }
    }

    private static List<SourceRecord> runLateCommit(TestDatabase db, Engine engine, String extraKey,
            String extraValue, String delayMs) throws Exception {
        db.execute("CREATE TABLE t (id " + db.idType() + ", name VARCHAR(20), changed " + db.timestampType()
                + " NOT NULL)");
        Map<String, String> config = db.sourceConfig();
        config.put("mode", "timestamp");
        config.put("timestamp.column.name", "changed");
        config.put("timestamp.delay.interval.ms", delayMs);
        config.put(extraKey, extraValue);
        if (extraKey.equals("incrementing.column.name")) {
            config.put("mode", "timestamp+incrementing");
        }
        try (Connection writerA = db.connect(); TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
            writerA.setAutoCommit(false);
            try (Statement statement = writerA.createStatement()) {
                statement.execute("INSERT INTO t (name, changed) VALUES ('early-but-late', " + db.clock() + ")");
            }
            Thread.sleep(50);
            db.execute("INSERT INTO t (name, changed) VALUES ('later', " + db.clock() + ")");
            List<SourceRecord> records = run.pollFor(Duration.ofMillis(800));
            writerA.commit();
            // Both rows once the delay has passed; the control (which loses a row) waits the whole time.
            records.addAll(run.pollUntil(2 - records.size(), Duration.ofMillis(Long.parseLong(delayMs) + 2500)));
            records.addAll(run.pollFor(Duration.ofMillis(300)));
            return records;
        }
    }
}
