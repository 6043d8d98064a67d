package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mode against the real databases: which rows come out, in which order, to which topic. */
class ModesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void bulkCopiesTheWholeTableEveryRound(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "bulk")) {
            db.execute("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, NULL)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "bulk");
            config.put("transaction.isolation.mode", "REPEATABLE_READ");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> first = run.pollUntil(3, WAIT);
                assertThat(first).extracting(SourceRecord::topic).containsOnly("src.items");
                assertThat(TaskRun.column(first, "name")).containsExactlyInAnyOrder("one", "two", null);
                assertThat(first.get(0).valueSchema().name()).isEqualTo("items");
                assertThat(first.get(0).key()).isNull();

                db.execute("INSERT INTO items VALUES (4, 'four')");
                List<SourceRecord> second = run.pollUntil(4, WAIT);
                assertThat(TaskRun.column(second, "id")).containsExactlyInAnyOrder(1, 2, 3, 4);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void incrementingCopiesOnlyNewRowsInIdOrder(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "inc")) {
            db.execute("CREATE TABLE orders (id " + db.idType() + ", amount INT NOT NULL)",
                    "INSERT INTO orders (amount) VALUES (10), (20), (30)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("batch.max.rows", "2");
            config.put("key.columns", "id");
            config.put("quote.sql.identifiers", "never");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> first = run.pollUntil(3, WAIT);
                assertThat(TaskRun.column(first, "id")).containsExactly(1L, 2L, 3L);
                assertThat(first.get(2).sourceOffset()).isEqualTo(Map.of("incrementing", 3L));
                assertThat(((Struct) first.get(0).key()).get("id")).isEqualTo(1L);

                db.execute("INSERT INTO orders (amount) VALUES (40), (50)", "UPDATE orders SET amount = 11 WHERE id = 1");
                List<SourceRecord> more = run.pollFor(Duration.ofMillis(800));
                assertThat(TaskRun.column(more, "amount")).containsExactly(40, 50);
                // A later round keeps the schema objects: converters then know them by identity.
                assertThat(more.get(0).valueSchema()).isSameAs(first.get(0).valueSchema());
                assertThat(more.get(0).keySchema()).isSameAs(first.get(0).keySchema());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampCopiesChangedRowsOnceTheyAreOlderThanTheDelay(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "ts")) {
            db.execute("CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(20), changed "
                            + db.timestampType() + " NOT NULL)",
                    "INSERT INTO notes VALUES (1, 'a', '2024-01-01 10:00:00.000001'),"
                            + " (2, 'b', '2024-01-01 10:00:00.000002'), (3, 'c', '2024-01-01 10:00:00.000002')");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp");
            config.put("timestamp.column.name", "changed");
            config.put("timestamp.delay.interval.ms", "1500");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> first = run.pollUntil(3, WAIT);
                assertThat(TaskRun.column(first, "body")).containsExactly("a", "b", "c");

                db.execute("UPDATE notes SET body = 'a2', changed = " + db.clock() + " WHERE id = 1");
                // Within the delay the change is not read yet...
                assertThat(run.pollFor(Duration.ofMillis(500))).isEmpty();
                // ...and after it, exactly once.
                List<SourceRecord> changed = run.pollUntil(1, WAIT);
                changed.addAll(run.pollFor(Duration.ofMillis(500)));
                assertThat(TaskRun.column(changed, "body")).containsExactly("a2");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampIncrementingCopiesRowsSharingATimestampAcrossBatches(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "tsinc")) {
            db.execute("CREATE TABLE events (id " + db.idType() + ", kind VARCHAR(10), created "
                    + db.timestampType() + " NOT NULL, updated " + db.timestampType() + ")");
            for (int i = 0; i < 7; i++) {
                db.execute("INSERT INTO events (kind, created) VALUES ('k" + i + "', '2024-05-05 12:00:00')");
            }
            db.execute("UPDATE events SET updated = '2024-05-05 12:00:01' WHERE id = 2");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp+incrementing");
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "updated,created");
            config.put("batch.max.rows", "3");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> records = run.pollUntil(7, WAIT);
                // COALESCE(updated, created) orders row 2 last.
                assertThat(TaskRun.column(records, "id")).containsExactly(1L, 3L, 4L, 5L, 6L, 7L, 2L);
                assertThat(records.get(6).sourceOffset().get("incrementing")).isEqualTo(2L);

                db.execute("UPDATE events SET updated = " + db.clock() + " WHERE id = 5");
                List<SourceRecord> changed = run.pollUntil(1, WAIT);
                changed.addAll(run.pollFor(Duration.ofMillis(500)));
                assertThat(TaskRun.column(changed, "id")).containsExactly(5L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void customQueryWritesToThePrefixTopicAndKeepsItsOwnWhere(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "query")) {
            db.execute("CREATE TABLE customers (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), active INT NOT NULL)",
                    "CREATE TABLE purchases (id INT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, total INT)",
                    "INSERT INTO customers VALUES (1, 'ann', 1), (2, 'bob', 0)",
                    "INSERT INTO purchases VALUES (10, 1, 5), (11, 2, 6), (12, 1, 7)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "purchase_id");
            config.put("query", "SELECT p.id AS purchase_id, c.name, p.total FROM purchases p "
                    + "JOIN customers c ON c.id = p.customer_id WHERE c.active = 1");
            config.put("topic.prefix", "active-purchases");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> records = run.pollUntil(2, WAIT);
                assertThat(records).extracting(SourceRecord::topic).containsOnly("active-purchases");
                assertThat(TaskRun.column(records, "purchase_id")).containsExactly(10, 12);
                assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("query", "query"));

                db.execute("INSERT INTO purchases VALUES (13, 2, 1), (14, 1, 2)");
                List<SourceRecord> more = run.pollUntil(1, WAIT);
                more.addAll(run.pollFor(Duration.ofMillis(400)));
                assertThat(TaskRun.column(more, "purchase_id")).containsExactly(14);
            }
        }
    }
}
