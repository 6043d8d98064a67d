package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.sink.JdbcSinkTask;
import io.sluice.testing.TcpProxy;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink's scenarios, run against each real database by a subclass: records go in through
 * {@link JdbcSinkTask}, rows are read back with plain JDBC.
 */
abstract class SinkScenarios {

    private static final AtomicInteger TABLES = new AtomicInteger();

    static final Schema CUSTOMER = SchemaBuilder.struct().name("shop.public.customers.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private final List<JdbcSinkTask> tasks = new ArrayList<>();

    abstract TargetDatabase database();

    @AfterEach
    void stopTasks() {
        tasks.forEach(JdbcSinkTask::stop);
        tasks.clear();
    }

    /** A table name no other test uses. */
    static String table(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    Map<String, String> config(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "sink-it");
        props.put("connection.url", database().url());
        props.put("connection.username", "sluice");
        props.put("connection.password", "sluice");
        props.put("schema.evolution", "basic");
        props.put("flush.interval.ms", "600000");
        props.put("retry.backoff.ms", "100");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    JdbcSinkTask start(Map<String, String> props, FakeErrantRecordReporter reporter) {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(new FakeSinkTaskContext(props, reporter));
        task.start(props);
        tasks.add(task);
        return task;
    }

    JdbcSinkTask start(String... keysAndValues) {
        return start(config(keysAndValues), null);
    }

    /** Delivers the records in one put and commits, as the worker does. Returns the committed offsets. */
    static Map<TopicPartition, OffsetAndMetadata> deliver(JdbcSinkTask task, SinkRecord... records) {
        task.put(List.of(records));
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        for (SinkRecord r : records) {
            current.put(new TopicPartition(r.topic(), r.kafkaPartition()), new OffsetAndMetadata(r.kafkaOffset() + 1));
        }
        return task.preCommit(current);
    }

    ChangeEvents customers(String table) {
        return new ChangeEvents("shop.public." + table, "public", table, CUSTOMER, "id");
    }

    List<Map<String, Object>> customerRows(String table) throws SQLException {
        TargetDatabase db = database();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : db.rows("SELECT " + db.quote("id") + "," + db.quote("name") + ","
                + db.quote("score") + " FROM " + db.quote(table) + " ORDER BY 1")) {
            Map<String, Object> normalized = new HashMap<>();
            normalized.put("id", ((Number) row.get("id")).intValue());
            normalized.put("name", row.get("name"));
            normalized.put("score", row.get("score") == null ? null : ((Number) row.get("score")).longValue());
            rows.add(normalized);
        }
        return rows;
    }

    /** Creates of customers {@code from} to {@code to}, named {@code name id}, scored {@code id}. */
    static SinkRecord[] creates(ChangeEvents events, int from, int to, String name) {
        SinkRecord[] records = new SinkRecord[to - from + 1];
        for (int id = from; id <= to; id++) {
            records[id - from] = events.create(events.row("id", id, "name", name + " " + id, "score", (long) id));
        }
        return records;
    }

    static Map<String, Object> customer(int id, String name, Long score) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("score", score);
        return row;
    }

    // ---- CDC envelopes ------------------------------------------------------------------------------

    @Test
    void cdcEventsCreateUpdateAndDeleteRows() throws SQLException {
        String table = table("cdc");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true");

        Struct alice = events.row("id", 1, "name", "alice", "score", 10L);
        Struct bob = events.row("id", 2, "name", "bob", "score", 20L);
        Struct carol = events.row("id", 3, "name", "carol", "score", 30L);
        deliver(task, events.read(alice), events.create(bob), events.create(carol));
        assertThat(customerRows(table)).containsExactly(customer(1, "alice", 10L), customer(2, "bob", 20L),
                customer(3, "carol", 30L));

        Struct bob2 = events.row("id", 2, "name", "bob", "score", 21L);
        deliver(task, events.update(bob, bob2), events.delete(carol), events.tombstone(carol));
        assertThat(customerRows(table)).containsExactly(customer(1, "alice", 10L), customer(2, "bob", 21L));

        deliver(task, events.tombstone(alice));
        assertThat(customerRows(table)).containsExactly(customer(2, "bob", 21L));

        assertThat(jmx("RowsWritten")).isEqualTo(4L);
        assertThat(jmx("RowsDeleted")).isEqualTo(2L);
        assertThat(jmx("RecordsReceived")).isEqualTo(7L);
        assertThat(jmx("Flushes")).isEqualTo(3L);
    }

    /** An attribute of the running task's JMX metrics. */
    static Object jmx(String attribute) {
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            return server.getAttribute(new javax.management.ObjectName(
                    "io.sluice.jdbc.sink:type=sink-task,connector=\"sink-it\",task=\"0\""), attribute);
        } catch (javax.management.JMException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tablesGoIntoTheSchemaOfTheSourceWhichIsCreatedIfMissing() throws SQLException {
        String schema = "jdbc_sink_schema_" + TABLES.incrementAndGet();
        String table = table("in_schema");
        ChangeEvents events = new ChangeEvents("shop." + schema + "." + table, schema, table, CUSTOMER, "id");
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key",
                "table.name.format", "${source.schema}.${source.table}");
        TargetDatabase db = database();
        try {
            deliver(task, events.create(events.row("id", 1, "name", "a")));
            assertThat(db.rows("SELECT " + db.quote("name") + " AS n FROM " + db.quote(schema) + "." + db.quote(table)))
                    .extracting(r -> r.get("n")).containsExactly("a");
        } finally {
            db.dropSchema(schema);
        }
    }

    @Test
    void deletesAreSkippedUnlessEnabled() throws SQLException {
        String table = table("nodelete");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        Struct alice = events.row("id", 1, "name", "alice", "score", 10L);
        deliver(task, events.create(alice), events.delete(alice), events.tombstone(alice));
        assertThat(customerRows(table)).containsExactly(customer(1, "alice", 10L));
    }

    @Test
    void truncateEmptiesTheTableWhenEnabled() throws SQLException {
        String table = table("truncate");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "truncate.enabled", "true");
        deliver(task, events.create(events.row("id", 1, "name", "a")), events.create(events.row("id", 2, "name", "b")));
        deliver(task, events.create(events.row("id", 3, "name", "c")), events.truncate(),
                events.create(events.row("id", 4, "name", "d")));
        assertThat(customerRows(table)).containsExactly(customer(4, "d", null));
    }

    @Test
    void truncateIsSkippedWhenNotEnabled() throws SQLException {
        String table = table("notruncate");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        deliver(task, events.create(events.row("id", 1, "name", "a")), events.truncate());
        assertThat(customerRows(table)).containsExactly(customer(1, "a", null));
    }

    @Test
    void aChangedKeyArrivesAsDeleteAndCreate() throws SQLException {
        String table = table("rekey");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true");
        Struct old = events.row("id", 1, "name", "alice", "score", 1L);
        deliver(task, events.create(old));
        Struct moved = events.row("id", 100, "name", "alice", "score", 1L);
        deliver(task, events.delete(old), events.tombstone(old), events.create(moved));
        assertThat(customerRows(table)).containsExactly(customer(100, "alice", 1L));
    }

    @Test
    void severalChangesToOneKeyInOneBatchEndAsTheLast() throws SQLException {
        String table = table("collapse");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true");
        Struct a1 = events.row("id", 1, "name", "a", "score", 1L);
        Struct a2 = events.row("id", 1, "name", "a", "score", 2L);
        Struct b1 = events.row("id", 2, "name", "b", "score", 1L);
        Struct c1 = events.row("id", 3, "name", "c", "score", 1L);
        deliver(task, events.create(c1));
        deliver(task,
                events.create(a1), events.update(a1, a2), events.create(a1), // a duplicate replayed: last one wins
                events.create(b1), events.delete(b1),                          // created then deleted: gone
                events.delete(c1), events.create(c1),                          // deleted then re-created: present
                events.update(a1, a2));
        assertThat(customerRows(table)).containsExactly(customer(1, "a", 2L), customer(3, "c", 1L));
    }

    @Test
    void unavailableValuesKeepTheTargetsValue() throws SQLException {
        String table = table("toast");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        Struct a1 = events.row("id", 1, "name", "a long text", "score", 1L);
        deliver(task, events.create(a1), events.create(events.row("id", 2, "name", "b", "score", 1L)));
        Struct a2 = events.row("id", 1, "name", "__debezium_unavailable_value", "score", 2L);
        deliver(task, events.update(a1, a2), events.create(events.row("id", 2, "name", "b2", "score", 2L)));
        assertThat(customerRows(table)).containsExactly(customer(1, "a long text", 2L), customer(2, "b2", 2L));
    }

    @Test
    void aDeleteThenReinsertWorksInInsertMode() throws SQLException {
        String table = table("reinsert");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "insert", "primary.key.mode", "record_key", "delete.enabled", "true");
        Struct a1 = events.row("id", 1, "name", "a", "score", 1L);
        deliver(task, events.create(a1));
        Struct a2 = events.row("id", 1, "name", "a", "score", 2L);
        deliver(task, events.delete(a1), events.create(a2));
        assertThat(customerRows(table)).containsExactly(customer(1, "a", 2L));
    }

    // ---- insert modes × key modes ------------------------------------------------------------------

    @ParameterizedTest(name = "{0} with key {1}")
    @CsvSource({
        "insert, none",
        "insert, kafka",
        "insert, record_key",
        "insert, record_value",
        "upsert, kafka",
        "upsert, record_key",
        "upsert, record_value",
        "update, record_key",
        "update, record_value",
        "update, kafka"
    })
    void everyInsertModeWithEveryKeyMode(String insertMode, String keyMode) throws SQLException {
        String table = table("mode_" + insertMode + "_" + keyMode);
        Map<String, String> props = config("insert.mode", insertMode, "primary.key.mode", keyMode,
                "table.name.format", table);
        if (keyMode.equals("record_value")) {
            props.put("primary.key.fields", "id");
        }
        Schema value = SchemaBuilder.struct().name("flat.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema key = SchemaBuilder.struct().name("flat.Key").field("id", Schema.INT32_SCHEMA).build();
        JdbcSinkTask task = start(props, null);
        String topic = "flat-" + table;
        SinkRecord first = new SinkRecord(topic, 0, key, new Struct(key).put("id", 1), value,
                new Struct(value).put("id", 1).put("name", "one"), 0);
        SinkRecord second = new SinkRecord(topic, 0, key, new Struct(key).put("id", 2), value,
                new Struct(value).put("id", 2).put("name", "two"), 1);
        if (insertMode.equals("update")) {
            database().execute(createFor(table, keyMode));
            database().execute(seedFor(table, keyMode, first));
        }
        deliver(task, first, second);
        SinkRecord again = new SinkRecord(topic, 0, key, new Struct(key).put("id", 1), value,
                new Struct(value).put("id", 1).put("name", "uno"), 2);
        boolean keyed = !keyMode.equals("none") && !keyMode.equals("kafka");
        if (insertMode.equals("insert") && keyed) {
            // A second insert of a key is refused by the database: the failure names the record.
            assertThatThrownBy(() -> deliver(task, again)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("offset 2").hasMessageContaining(table);
            return;
        }
        deliver(task, again);
        TargetDatabase db = database();
        List<Map<String, Object>> rows = db.rows("SELECT " + db.quote("id") + " AS id, " + db.quote("name")
                + " AS name FROM " + db.quote(table) + " ORDER BY " + (keyMode.equals("kafka") ? db.quote("__connect_offset") : "1, 2"));
        List<String> seen = rows.stream().map(r -> ((Number) r.get("id")).intValue() + ":" + r.get("name")).toList();
        switch (insertMode + "/" + keyMode) {
            case "insert/none", "insert/kafka", "upsert/kafka" -> assertThat(seen).containsExactlyInAnyOrder("1:one", "2:two", "1:uno");
            case "update/kafka" -> assertThat(seen).containsExactly("1:one");
            case "update/record_key", "update/record_value" -> assertThat(seen).containsExactly("1:uno");
            default -> assertThat(seen).containsExactly("1:uno", "2:two");
        }
    }

    private String createFor(String table, String keyMode) {
        TargetDatabase db = database();
        if (keyMode.equals("kafka")) {
            return "CREATE TABLE " + db.quote(table) + " (" + db.quote("__connect_topic") + " VARCHAR(255) NOT NULL, "
                    + db.quote("__connect_partition") + " INT NOT NULL, " + db.quote("__connect_offset") + " BIGINT NOT NULL, "
                    + db.quote("id") + " INT, " + db.quote("name") + " VARCHAR(50), PRIMARY KEY ("
                    + db.quote("__connect_topic") + "," + db.quote("__connect_partition") + "," + db.quote("__connect_offset") + "))";
        }
        return "CREATE TABLE " + db.quote(table) + " (" + db.quote("id") + " INT PRIMARY KEY, " + db.quote("name")
                + " VARCHAR(50))";
    }

    private String seedFor(String table, String keyMode, SinkRecord first) {
        TargetDatabase db = database();
        if (keyMode.equals("kafka")) {
            return "INSERT INTO " + db.quote(table) + " VALUES ('" + first.topic() + "', 0, 0, 1, 'one')";
        }
        return "INSERT INTO " + db.quote(table) + " VALUES (1, 'one')";
    }

    // ---- schema evolution -----------------------------------------------------------------------------

    @Test
    void aNewOptionalFieldBecomesAColumn() throws SQLException {
        String table = table("evolve");
        ChangeEvents v1 = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        deliver(task, v1.create(v1.row("id", 1, "name", "a")));
        Schema withEmail = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", Schema.OPTIONAL_INT64_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
        ChangeEvents v2 = new ChangeEvents(v1.topic, "public", table, withEmail, "id");
        v2.offset = v1.offset;
        deliver(task, v2.create(v2.row("id", 2, "name", "b", "email", "b@example.com")));
        TargetDatabase db = database();
        assertThat(db.rows("SELECT " + db.quote("id") + " AS id, " + db.quote("email") + " AS email FROM "
                + db.quote(table) + " ORDER BY 1"))
                .extracting(r -> ((Number) r.get("id")).intValue() + ":" + r.get("email"))
                .containsExactly("1:null", "2:b@example.com");
    }

    @Test
    void aSchemaChangeInsideOneDeliveryKeepsTheOrderOfChanges() throws SQLException {
        String table = table("midevolve");
        ChangeEvents v1 = customers(table);
        Schema withEmail = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", Schema.OPTIONAL_INT64_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
        ChangeEvents v2 = new ChangeEvents(v1.topic, "public", table, withEmail, "id");
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        SinkRecord a1 = v1.create(v1.row("id", 1, "name", "a", "score", 1L));
        v2.offset = v1.offset;
        SinkRecord a2 = v2.create(v2.row("id", 1, "name", "a", "score", 2L, "email", "a@example.com"));
        v1.offset = v2.offset;
        SinkRecord a3 = v1.create(v1.row("id", 1, "name", "a", "score", 3L));
        deliver(task, a1, a2, a3);
        TargetDatabase db = database();
        assertThat(db.rows("SELECT " + db.quote("score") + " AS score, " + db.quote("email") + " AS email FROM "
                + db.quote(table))).extracting(r -> ((Number) r.get("score")).longValue() + ":" + r.get("email"))
                .containsExactly("3:a@example.com");
    }

    @Test
    void timestampsAreWrittenInTheDatabaseTimeZone() throws SQLException {
        String table = table("zone");
        Schema value = SchemaBuilder.struct().name("zone.Value").field("id", Schema.INT32_SCHEMA)
                .field("at", org.apache.kafka.connect.data.Timestamp.builder().optional().build()).build();
        ChangeEvents events = new ChangeEvents("shop.public." + table, "public", table, value, "id");
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key",
                "database.time_zone", "Europe/Paris");
        java.time.Instant instant = java.time.Instant.parse("2024-07-01T10:00:00Z");
        deliver(task, events.create(events.row("id", 1, "at", java.util.Date.from(instant))));
        TargetDatabase db = database();
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT " + db.quote("at") + " FROM " + db.quote(table))) {
            rs.next();
            assertThat(rs.getObject(1, java.time.LocalDateTime.class)).isEqualTo(java.time.LocalDateTime.parse("2024-07-01T12:00:00"));
        }
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsRefused() throws SQLException {
        String table = table("required");
        ChangeEvents v1 = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        deliver(task, v1.create(v1.row("id", 1, "name", "a")));
        Schema withRequired = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", Schema.OPTIONAL_INT64_SCHEMA).field("tier", Schema.STRING_SCHEMA).build();
        ChangeEvents v2 = new ChangeEvents(v1.topic, "public", table, withRequired, "id");
        assertThatThrownBy(() -> deliver(task, v2.create(v2.row("id", 2, "name", "b", "tier", "gold"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("tier").hasMessageContaining("required");
        assertThat(customerRows(table)).containsExactly(customer(1, "a", null));
    }

    @Test
    void aChangedTypeIsRefused() {
        String table = table("retype");
        ChangeEvents v1 = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        deliver(task, v1.create(v1.row("id", 1, "name", "a", "score", 5L)));
        Schema retyped = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", org.apache.kafka.connect.data.Timestamp.builder().optional().build()).build();
        ChangeEvents v2 = new ChangeEvents(v1.topic, "public", table, retyped, "id");
        assertThatThrownBy(() -> deliver(task, v2.create(v2.row("id", 2, "score", new java.util.Date(0)))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("score");
    }

    @Test
    void aDroppedFieldIsRefused() {
        String table = table("dropped");
        ChangeEvents v1 = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        deliver(task, v1.create(v1.row("id", 1, "name", "a", "score", 5L)));
        Schema fewer = SchemaBuilder.struct().name("shop.public.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        ChangeEvents v2 = new ChangeEvents(v1.topic, "public", table, fewer, "id");
        assertThatThrownBy(() -> deliver(task, v2.create(v2.row("id", 2, "name", "b"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("score").hasMessageContaining("dropped");
    }

    @Test
    void aMissingTableIsAnErrorWithoutEvolution() throws SQLException {
        String table = table("missing");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start(config("insert.mode", "upsert", "primary.key.mode", "record_key",
                "schema.evolution", "none"), null);
        assertThatThrownBy(() -> deliver(task, events.create(events.row("id", 1))))
                .isInstanceOf(ConnectException.class).hasMessageContaining(table).hasMessageContaining("schema.evolution");
        assertThat(database().tableExists(table)).isFalse();
    }

    // ---- schemaless records ------------------------------------------------------------------------------

    @Test
    void schemalessMapsGoIntoAnExistingTable() throws SQLException {
        String table = table("maps");
        TargetDatabase db = database();
        db.execute("CREATE TABLE " + db.quote(table) + " (" + db.quote("id") + " INT PRIMARY KEY, "
                + db.quote("name") + " VARCHAR(50), " + db.quote("score") + " BIGINT)");
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_value",
                "primary.key.fields", "id", "table.name.format", table);
        Map<String, Object> one = new HashMap<>(Map.of("id", 1, "name", "one", "score", 5L));
        Map<String, Object> two = new HashMap<>(Map.of("id", 2, "name", "two"));
        deliver(task, new SinkRecord("maps", 0, null, null, null, one, 0),
                new SinkRecord("maps", 0, null, null, null, two, 1));
        assertThat(customerRows(table)).containsExactly(customer(1, "one", 5L), customer(2, "two", null));
    }

    @Test
    void plainTextGoesIntoExistingTypedColumns() throws SQLException {
        String table = table("typed");
        TargetDatabase db = database();
        boolean pg = db instanceof TargetDatabase.Postgres;
        db.execute("CREATE TABLE " + db.quote(table) + " (" + db.quote("id") + " INT PRIMARY KEY, "
                + db.quote("doc") + (pg ? " JSONB" : " JSON") + ", " + db.quote("ref") + (pg ? " UUID" : " CHAR(36)")
                + ", " + db.quote("day") + " DATE)");
        Schema value = SchemaBuilder.struct().name("typed.Value").field("id", Schema.INT32_SCHEMA)
                .field("doc", Schema.OPTIONAL_STRING_SCHEMA).field("ref", Schema.OPTIONAL_STRING_SCHEMA)
                .field("day", Schema.OPTIONAL_STRING_SCHEMA).build();
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_value", "primary.key.fields", "id",
                "table.name.format", table);
        deliver(task, new SinkRecord("typed", 0, null, null, value, new Struct(value).put("id", 1)
                .put("doc", "{\"a\": 1}").put("ref", "0e8b6e4c-2a53-4a1f-9b43-6d1f3c2d9e10").put("day", "2024-02-29"), 0));
        List<Map<String, Object>> rows = db.rows("SELECT " + db.quote("doc") + " AS doc, " + db.quote("ref") + " AS ref, "
                + db.quote("day") + " AS day FROM " + db.quote(table));
        assertThat(String.valueOf(rows.get(0).get("doc"))).isEqualTo("{\"a\": 1}");
        assertThat(String.valueOf(rows.get(0).get("ref"))).isEqualTo("0e8b6e4c-2a53-4a1f-9b43-6d1f3c2d9e10");
        assertThat(String.valueOf(rows.get(0).get("day"))).isEqualTo("2024-02-29");
    }

    @Test
    void schemalessMapsCannotCreateATable() {
        String table = table("nomap");
        JdbcSinkTask task = start("insert.mode", "insert", "table.name.format", table);
        assertThatThrownBy(() -> deliver(task, new SinkRecord("maps", 0, null, null, null, Map.of("id", 1), 0)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("schema");
    }

    // ---- errors -------------------------------------------------------------------------------------------

    /** A table whose name column takes 5 characters: longer names are poison. */
    private String shortNames(String table) throws SQLException {
        TargetDatabase db = database();
        db.execute("CREATE TABLE " + db.quote(table) + " (" + db.quote("id") + " INT PRIMARY KEY, "
                + db.quote("name") + " VARCHAR(5) NOT NULL, " + db.quote("score") + " BIGINT)");
        return table;
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterQueueWhileItsNeighboursLand() throws SQLException {
        String table = shortNames(table("poison"));
        ChangeEvents events = customers(table);
        FakeErrantRecordReporter dlq = new FakeErrantRecordReporter();
        JdbcSinkTask task = start(config("insert.mode", "upsert", "primary.key.mode", "record_key",
                "bulk.load.enabled", "true"), dlq);
        List<SinkRecord> records = new ArrayList<>();
        // enough rows for the dialect's bulk load, so that its failure is searched as well
        for (int i = 1; i <= 150; i++) {
            records.add(events.create(events.row("id", i, "name", i == 17 || i == 130 ? "far too long" : "n" + i)));
        }
        SinkRecord unreadable = new SinkRecord(events.topic, 0, events.keySchema, null, null, "not a row", events.offset++);
        records.add(unreadable);
        Map<TopicPartition, OffsetAndMetadata> committed = deliver(task, records.toArray(new SinkRecord[0]));

        assertThat(database().count(table)).isEqualTo(148);
        assertThat(database().count(table)).isEqualTo(database().rows("SELECT * FROM " + database().quote(table)
                + " WHERE " + database().quote("name") + " LIKE 'n%'").size());
        assertThat(dlq.reported).extracting(r -> r.record().kafkaOffset()).containsExactlyInAnyOrder(16L, 129L, 150L);
        assertThat(dlq.reported.get(dlq.reported.size() - 1).error().getMessage()).isNotBlank();
        assertThat(committed.get(new TopicPartition(events.topic, 0)).offset()).isEqualTo(151);
    }

    @Test
    void withoutADeadLetterQueueTheFailureNamesRecordTableAndCause() throws SQLException {
        String table = shortNames(table("fail"));
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        SinkRecord good = events.create(events.row("id", 1, "name", "ok"));
        SinkRecord bad = events.create(events.row("id", 2, "name", "far too long"));
        assertThatThrownBy(() -> deliver(task, good, bad))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic " + events.topic)
                .hasMessageContaining("partition 0")
                .hasMessageContaining("offset 1")
                .hasMessageContaining(table)
                .hasMessageMatching("(?is).*(too long|data truncation|value too long).*");
        assertThat(database().count(table)).isZero();
    }

    @Test
    void aFlushThatFailsInTheBackgroundFailsTheNextPut() throws Exception {
        String table = shortNames(table("bgfail"));
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key");
        // A small delivery is flushed in the background; its failure comes out of the task's next call.
        task.put(List.of(events.create(events.row("id", 1, "name", "ok")),
                events.create(events.row("id", 2, "name", "far too long"))));
        assertThatThrownBy(() -> task.put(List.of(events.create(events.row("id", 3, "name", "ok")))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("offset 1")
                .hasMessageContaining(table);
        assertThat(database().count(table)).isZero();
    }

    @Test
    void aLostConnectionIsRetriedWithNothingLostOrDoubled() throws SQLException {
        String table = table("restart");
        ChangeEvents events = customers(table);
        // A full poll stays buffered until preCommit, whose flush then meets the killed session.
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key",
                "consumer.override.max.poll.records", "200");
        deliver(task, events.create(events.row("id", 0, "name", "first")));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            records.add(events.create(events.row("id", i, "name", "n" + i)));
        }
        task.put(records);
        database().killSinkSessions();
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(
                Map.of(new TopicPartition(events.topic, 0), new OffsetAndMetadata(events.offset)));
        assertThat(database().count(table)).isEqualTo(201);
        assertThat(committed.get(new TopicPartition(events.topic, 0)).offset()).isEqualTo(events.offset);
    }

    @Test
    void aConnectionKilledDuringALargeFlushLosesAndDoublesNothing() throws Exception {
        largeFlushInterrupted(table("midflush"), database().url(), () -> database().killSinkSessions());
    }

    /** A network failure ends the socket with no error from the server (the driver sees an I/O error). */
    @Test
    void aConnectionCutByTheNetworkDuringALargeFlushLosesAndDoublesNothing() throws Exception {
        try (TcpProxy proxy = new TcpProxy(database().port())) {
            largeFlushInterrupted(table("netcut"), database().urlThrough(proxy.port()), proxy::cut);
        }
    }

    /** Something that breaks the sink's connections. */
    interface Interruption {
        void run() throws Exception;
    }

    private void largeFlushInterrupted(String table, String url, Interruption interruption) throws Exception {
        ChangeEvents events = customers(table);
        // No key and plain inserts: a flush applied twice would show as extra rows. Where the database cannot
        // tell whether a commit whose acknowledgement was lost happened, the flush is written again: a key
        // makes that harmless there (as the README says), and the rows must still all be there, once.
        JdbcSinkTask task = database().tellsCommitOutcome()
                ? start("connection.url", url, "insert.mode", "insert", "batch.size", "1000000")
                : start("connection.url", url, "insert.mode", "upsert", "primary.key.mode", "record_value",
                        "primary.key.fields", "id", "batch.size", "1000000");
        deliver(task, events.create(events.row("id", 0, "name", "first")));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 1; i <= 30_000; i++) {
            records.add(events.create(events.row("id", i, "name", "n" + i)));
        }
        task.put(records);
        TopicPartition partition = new TopicPartition(events.topic, 0);
        java.util.concurrent.CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> commit =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> task.preCommit(Map.of(partition, new OffsetAndMetadata(events.offset))));
        // Twice, so one of them likely meets the flush whatever this machine's speed.
        Thread.sleep(50);
        interruption.run();
        Thread.sleep(100);
        interruption.run();
        Map<TopicPartition, OffsetAndMetadata> committed = commit.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(database().count(table)).isEqualTo(30_001);
        assertThat(committed.get(partition).offset()).isEqualTo(events.offset);
        if (database().tellsCommitOutcome()) {
            // Rows without a key are bulk loaded too (the interruption may have cut one load short, which is then
            // retried). Elsewhere a flush committed unknowingly is upserted again, not loaded: its keys exist.
            assertThat((Long) jmx("RowsBulkLoadedDirectly")).isGreaterThanOrEqualTo(30_000L);
        }
        assertThat(database().rows("SELECT count(DISTINCT " + database().quote("id") + ") AS n FROM "
                + database().quote(table))).extracting(r -> ((Number) r.get("n")).longValue()).containsExactly(30_001L);
    }

    @Test
    void aDeliverySmallerThanAFullPollIsWrittenAtOnce() throws Exception {
        String table = table("caughtup");
        ChangeEvents events = customers(table);
        // batch.size and flush.interval.ms (10 minutes here) are far away: only a caught-up consumer flushes.
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key",
                "consumer.override.max.poll.records", "3");
        task.put(List.of(events.create(events.row("id", 1)), events.create(events.row("id", 2))));
        // Written in the background without a preCommit.
        awaitCount(table, 2);

        // Full polls mean more is waiting: they are buffered until a smaller delivery (here an empty one).
        task.put(List.of(events.create(events.row("id", 3)), events.create(events.row("id", 4)),
                events.create(events.row("id", 5))));
        Thread.sleep(300);
        assertThat(database().count(table)).isEqualTo(2);
        task.put(List.of());
        awaitCount(table, 5);
    }

    /** Waits (up to 30 s) until the table has {@code rows} rows; flushes are written in the background. */
    void awaitCount(String table, long rows) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (database().tableExists(table) ? database().count(table) != rows : rows != 0) {
            if (System.currentTimeMillis() > deadline) {
                assertThat(database().count(table)).as("rows in " + table).isEqualTo(rows);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void onlyFlushedRecordsAreCommitted() {
        String table = table("offsets");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "batch.size", "2");
        TopicPartition partition = new TopicPartition(events.topic, 0);
        task.put(List.of(events.create(events.row("id", 1)), events.create(events.row("id", 2)),
                events.create(events.row("id", 3))));
        // The first two were flushed when batch.size was reached; preCommit flushes the third.
        assertThat(task.preCommit(Map.of(partition, new OffsetAndMetadata(3))).get(partition).offset()).isEqualTo(3);
        assertThat(task.preCommit(Map.of(new TopicPartition("other", 0), new OffsetAndMetadata(7)))).isEmpty();
    }

    // ---- identifiers ---------------------------------------------------------------------------------------

    @Test
    void identifiersThatNeedQuotingAreWrittenAsTheyAre() throws SQLException {
        String table = "Odd \"Table\"; x`; DROP TABLE y; --" + TABLES.incrementAndGet();
        Schema value = SchemaBuilder.struct().name("odd.Value")
                .field("Id Key", Schema.INT32_SCHEMA)
                .field("x\"; DROP TABLE y; --", Schema.OPTIONAL_STRING_SCHEMA)
                .field("MixedCase", Schema.OPTIONAL_STRING_SCHEMA)
                .field("it's `quoted`", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        ChangeEvents events = new ChangeEvents("odd", "public", table, value, "Id Key");
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true");
        Struct row = events.row("Id Key", 1, "x\"; DROP TABLE y; --", "a", "MixedCase", "b", "it's `quoted`", "c");
        deliver(task, events.create(row), events.create(events.row("Id Key", 2)));
        deliver(task, events.delete(events.row("Id Key", 2)));
        TargetDatabase db = database();
        List<Map<String, Object>> rows = db.rows("SELECT * FROM " + db.quote(table));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("x\"; DROP TABLE y; --", "a").containsEntry("MixedCase", "b")
                .containsEntry("it's `quoted`", "c");
        assertThat(((Number) rows.get(0).get("Id Key")).intValue()).isEqualTo(1);
    }

    @Test
    void unquotedNamesAreFoldedWhenAsked() throws SQLException {
        String table = "Folded_" + TABLES.incrementAndGet();
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "quote.identifiers", "false");
        deliver(task, events.create(events.row("id", 1, "name", "a")));
        String stored = database() instanceof TargetDatabase.Postgres ? table.toLowerCase() : table;
        assertThat(database().tableExists(stored)).isTrue();
    }

    // ---- values ------------------------------------------------------------------------------------------

    /**
     * With {@code copies} more rows like the full one, the flush is large enough for the dialect's bulk load
     * (PostgreSQL's COPY), so every way of writing is checked value by value: the batch statement, and on
     * PostgreSQL new rows copied straight into the table (all creates) and rows upserted through the staging
     * table (the copies sent as updates).
     */
    @ParameterizedTest(name = "with {0} more rows in the flush, sent as op={1}")
    @CsvSource({"0, c", "100, c", "100, u"})
    void everySemanticAndLogicalTypeIsReadBackEqual(int copies, String op) throws SQLException {
        String table = table("types");
        boolean pg = database() instanceof TargetDatabase.Postgres;
        Schema value = SchemaBuilder.struct().name("shop.public.types.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
                .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
                .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("dec", org.apache.kafka.connect.data.Decimal.builder(2)
                        .parameter("connect.decimal.precision", "10").optional().build())
                .field("vdec", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
                        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build())
                .field("c_date", org.apache.kafka.connect.data.Date.builder().optional().build())
                .field("c_time", org.apache.kafka.connect.data.Time.builder().optional().build())
                .field("c_ts", org.apache.kafka.connect.data.Timestamp.builder().optional().build())
                .field("d_date", named(SchemaBuilder.int32(), "io.debezium.time.Date"))
                .field("d_time", named(SchemaBuilder.int32(), "io.debezium.time.Time"))
                .field("d_micro_time", named(SchemaBuilder.int64(), "io.debezium.time.MicroTime"))
                .field("d_ts", named(SchemaBuilder.int64(), "io.debezium.time.Timestamp"))
                .field("d_micro_ts", named(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp"))
                .field("d_nano_ts", named(SchemaBuilder.int64(), "io.debezium.time.NanoTimestamp"))
                .field("d_zoned_ts", named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"))
                .field("d_zoned_time", named(SchemaBuilder.string(), "io.debezium.time.ZonedTime"))
                .field("d_duration", named(SchemaBuilder.int64(), "io.debezium.time.MicroDuration"))
                .field("d_year", named(SchemaBuilder.int32(), "io.debezium.time.Year"))
                .field("d_interval", named(SchemaBuilder.string(), "io.debezium.time.Interval"))
                .field("d_json", named(SchemaBuilder.string(), "io.debezium.data.Json"))
                .field("d_uuid", named(SchemaBuilder.string(), "io.debezium.data.Uuid"))
                .field("d_xml", named(SchemaBuilder.string(), "io.debezium.data.Xml"))
                .field("d_bits", named(SchemaBuilder.bytes().parameter("length", "10"), "io.debezium.data.Bits"))
                .field("d_enum", named(SchemaBuilder.string().parameter("allowed", "red,green,blue"), "io.debezium.data.Enum"))
                .field("d_set", named(SchemaBuilder.string().parameter("allowed", "a,b,c"), "io.debezium.data.EnumSet"))
                .build();
        ChangeEvents events = new ChangeEvents("shop.public." + table, "public", table, value, "id");
        Struct vdec = new Struct(value.field("vdec").schema()).put("scale", 3)
                .put("value", new java.math.BigInteger("-1234567").toByteArray());
        Struct full = events.row("id", 1, "i8", (byte) -8, "i16", (short) 1600, "i64", 9_000_000_000L, "f32", 1.5f,
                "f64", 2.25, "flag", true, "blob", new byte[] {1, 2, 3}, "dec", decimal("12345678.90"), "vdec", vdec,
                "c_date", new java.util.Date(19_000L * 86_400_000L), "c_time", new java.util.Date(45_296_123L),
                "c_ts", new java.util.Date(1_700_000_000_123L),
                "d_date", 19_000, "d_time", 45_296_123, "d_micro_time", 45_296_123_456L,
                "d_ts", 1_700_000_000_123L, "d_micro_ts", 1_700_000_000_123_456L, "d_nano_ts", 1_700_000_000_123_456_000L,
                "d_zoned_ts", "2023-11-14T22:13:20.123456+02:00", "d_zoned_time", "12:34:56.123456Z",
                "d_duration", 90_061_000_001L, "d_year", 2024, "d_interval", "P1DT2H0.5S", "d_json", "{\"a\": 1}",
                "d_uuid", "0e8b6e4c-2a53-4a1f-9b43-6d1f3c2d9e10", "d_xml", "<a>1</a>",
                "d_bits", new byte[] {0x05, 0x02}, "d_enum", "green", "d_set", "a,c");
        Struct empty = events.row("id", 2);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "true");
        List<SinkRecord> records = new ArrayList<>(List.of(events.create(full), events.create(empty)));
        for (int i = 0; i < copies; i++) {
            Struct copy = new Struct(full.schema());
            full.schema().fields().forEach(f -> copy.put(f, full.get(f)));
            copy.put("id", 3 + i);
            records.add(op.equals("c") ? events.create(copy) : events.update(events.row("id", 3 + i), copy));
        }
        deliver(task, records.toArray(new SinkRecord[0]));
        boolean copied = pg && copies > 0;
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(copied ? 2L + copies : 0L);
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(copied && op.equals("c") ? 2L + copies : 0L);

        TargetDatabase db = database();
        String bits = pg ? db.quote("d_bits") + "::text" : "CAST(" + db.quote("d_bits") + " AS UNSIGNED)";
        String duration = pg ? "EXTRACT(EPOCH FROM " + db.quote("d_duration") + ")" : db.quote("d_duration");
        String interval = pg ? "EXTRACT(EPOCH FROM " + db.quote("d_interval") + ")" : db.quote("d_interval");
        String zonedTime = pg ? db.quote("d_zoned_time") + "::text" : "CAST(" + db.quote("d_zoned_time") + " AS CHAR)";
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT t.*, " + bits + " AS bits_out, " + duration
                     + " AS duration_out, " + interval + " AS interval_out, " + zonedTime + " AS zoned_time_out FROM " + db.quote(table) + " t ORDER BY "
                     + db.quote("id"))) {
            rs.next();
            assertThat(rs.getInt("i8")).isEqualTo(-8);
            assertThat(rs.getInt("i16")).isEqualTo(1600);
            assertThat(rs.getLong("i64")).isEqualTo(9_000_000_000L);
            assertThat(rs.getFloat("f32")).isEqualTo(1.5f);
            assertThat(rs.getDouble("f64")).isEqualTo(2.25);
            assertThat(rs.getBoolean("flag")).isTrue();
            assertThat(rs.getBytes("blob")).containsExactly(1, 2, 3);
            assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo("12345678.90");
            assertThat(rs.getBigDecimal("vdec")).isEqualByComparingTo("-1234.567");
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(19_000);
            assertThat(rs.getObject("c_date", java.time.LocalDate.class)).isEqualTo(date);
            assertThat(rs.getObject("d_date", java.time.LocalDate.class)).isEqualTo(date);
            assertThat(rs.getObject("c_time", java.time.LocalTime.class)).isEqualTo(java.time.LocalTime.parse("12:34:56.123"));
            assertThat(rs.getObject("d_time", java.time.LocalTime.class)).isEqualTo(java.time.LocalTime.parse("12:34:56.123"));
            assertThat(rs.getObject("d_micro_time", java.time.LocalTime.class))
                    .isEqualTo(java.time.LocalTime.parse("12:34:56.123456"));
            java.time.LocalDateTime millis = java.time.LocalDateTime.parse("2023-11-14T22:13:20.123");
            java.time.LocalDateTime micros = java.time.LocalDateTime.parse("2023-11-14T22:13:20.123456");
            assertThat(rs.getObject("c_ts", java.time.LocalDateTime.class)).isEqualTo(millis);
            assertThat(rs.getObject("d_ts", java.time.LocalDateTime.class)).isEqualTo(millis);
            assertThat(rs.getObject("d_micro_ts", java.time.LocalDateTime.class)).isEqualTo(micros);
            assertThat(rs.getObject("d_nano_ts", java.time.LocalDateTime.class)).isEqualTo(micros);
            java.time.OffsetDateTime zoned = java.time.OffsetDateTime.parse("2023-11-14T22:13:20.123456+02:00");
            if (pg) {
                assertThat(rs.getObject("d_zoned_ts", java.time.OffsetDateTime.class)).isAtSameInstantAs(zoned);
                assertThat(rs.getString("zoned_time_out")).isEqualTo("12:34:56.123456+00");
                assertThat(rs.getBigDecimal("duration_out")).isEqualByComparingTo("90061.000001");
                assertThat(rs.getBigDecimal("interval_out")).isEqualByComparingTo("93600.5");
                assertThat(rs.getString("bits_out")).isEqualTo("1000000101");
                assertThat(rs.getObject("d_uuid", java.util.UUID.class))
                        .isEqualTo(java.util.UUID.fromString("0e8b6e4c-2a53-4a1f-9b43-6d1f3c2d9e10"));
            } else {
                assertThat(rs.getObject("d_zoned_ts", java.time.LocalDateTime.class))
                        .isEqualTo(java.time.LocalDateTime.parse("2023-11-14T20:13:20.123456"));
                assertThat(rs.getString("zoned_time_out")).isEqualTo("12:34:56.123456");
                assertThat(rs.getLong("duration_out")).isEqualTo(90_061_000_001L);
                assertThat(rs.getString("interval_out")).isEqualTo("P1DT2H0.5S");
                assertThat(rs.getLong("bits_out")).isEqualTo(0b1000000101L);
                assertThat(rs.getString("d_uuid")).isEqualTo("0e8b6e4c-2a53-4a1f-9b43-6d1f3c2d9e10");
            }
            assertThat(rs.getInt("d_year")).isEqualTo(2024);
            assertThat(rs.getString("d_json")).isEqualTo("{\"a\": 1}");
            assertThat(rs.getString("d_xml")).isEqualTo("<a>1</a>");
            assertThat(rs.getString("d_enum")).isEqualTo("green");
            assertThat(rs.getString("d_set")).isEqualTo("a,c");

            rs.next();
            assertThat(rs.getInt("id")).isEqualTo(2);
            for (org.apache.kafka.connect.data.Field f : value.fields()) {
                if (!f.name().equals("id")) {
                    assertThat(rs.getObject(f.name())).as(f.name()).isNull();
                }
            }
        }
    }

    private static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).optional().build();
    }

    static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
