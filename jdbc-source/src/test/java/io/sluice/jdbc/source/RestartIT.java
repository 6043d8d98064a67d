package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A task stopped after its first batch; a new task with the committed offsets continues where it stopped. */
class RestartIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampIncrementingResumesWithoutLossOrDuplicates(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "restart_tsinc")) {
            db.execute("CREATE TABLE t (id " + db.idType() + ", changed " + db.timestampType() + " NOT NULL)");
            for (int i = 0; i < 10; i++) {
                // Two rows per timestamp, so the restart point falls inside a group.
                db.execute("INSERT INTO t (changed) VALUES ('2024-02-02 02:02:0" + (i / 2) + ".5')");
            }
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp+incrementing");
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "changed");
            config.put("batch.max.rows", "3");
            assertResumesExactly(config, 10);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void incrementingResumesWithoutLossOrDuplicates(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "restart_inc")) {
            db.execute("CREATE TABLE t (id " + db.idType() + ", v INT)");
            for (int i = 0; i < 10; i++) {
                db.execute("INSERT INTO t (v) VALUES (" + i + ")");
            }
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("batch.max.rows", "3");
            assertResumesExactly(config, 10);
        }
    }

    private static void assertResumesExactly(Map<String, String> config, int rows) throws Exception {
        OffsetStore offsets = new OffsetStore();
        List<Object> ids = new ArrayList<>();
        try (TaskRun first = TaskRun.ofConnector(config, offsets)) {
            ids.addAll(TaskRun.column(first.pollUntil(1, WAIT), "id"));
        }
        assertThat(ids).containsExactly(1L, 2L, 3L);
        try (TaskRun second = TaskRun.ofConnector(config, offsets)) {
            List<SourceRecord> rest = second.pollUntil(rows - 3, WAIT);
            rest.addAll(second.pollFor(Duration.ofMillis(500)));
            ids.addAll(TaskRun.column(rest, "id"));
        }
        List<Object> expected = new ArrayList<>();
        for (long id = 1; id <= rows; id++) {
            expected.add(id);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    /**
     * Timestamp alone cannot tell rows of one timestamp apart: after a stop inside such a group the whole group is
     * copied again, never skipped.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampRepeatsAnUnfinishedGroupRatherThanSkippingIt(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "restart_ts")) {
            db.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, changed " + db.timestampType() + " NOT NULL)",
                    "INSERT INTO t VALUES (1, '2024-03-03 03:03:01'), (2, '2024-03-03 03:03:01'),"
                            + " (3, '2024-03-03 03:03:02'), (4, '2024-03-03 03:03:02'), (5, '2024-03-03 03:03:02')");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp");
            config.put("timestamp.column.name", "changed");
            config.put("batch.max.rows", "3");
            OffsetStore offsets = new OffsetStore();
            List<Object> firstIds;
            try (TaskRun first = TaskRun.ofConnector(config, offsets)) {
                firstIds = TaskRun.column(first.pollUntil(1, WAIT), "id");
            }
            assertThat(firstIds).hasSize(3).containsExactlyInAnyOrder(1, 2, firstIds.get(2));
            try (TaskRun second = TaskRun.ofConnector(config, offsets)) {
                List<SourceRecord> rest = second.pollUntil(3, WAIT);
                rest.addAll(second.pollFor(Duration.ofMillis(500)));
                assertThat(TaskRun.column(rest, "id")).containsExactlyInAnyOrder(3, 4, 5);
            }
        }
    }
}
