package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole pipelines on the real worker: a CDC source into Kafka, the jdbc-sink out of it, and the target
 * table ends equal to the source after inserts, updates and deletes.
 */
@ExtendWith(LocalStack.class)
class PipelineIT {

    private LocalStack.Stack stack;
    private StartedConnectors connectors;

    @BeforeEach
    void setUp(LocalStack.Stack stack) {
        this.stack = stack;
        this.connectors = new StartedConnectors(stack.connect());
    }

    @AfterEach
    void deleteConnectors() {
        connectors.deleteAll();
    }

    private void start(String name, Map<String, String> config) {
        connectors.start(name, config);
    }

    static final String PG_ORDERS = "CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(12,2),"
            + " placed_at timestamptz NOT NULL, paid boolean, note text, ref uuid, details jsonb)";
    static final String PG_ORDERS_SEED = "INSERT INTO orders SELECT g, 'customer ' || g, g * 1.25,"
            + " timestamptz '2026-01-02 03:04:05.123456+00' + g * interval '1 minute', g % 2 = 0,"
            + " CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END, md5(g::text)::uuid,"
            + " jsonb_build_object('n', g) FROM generate_series(1, {rows}) g";
    static final String PG_ORDERS_VIEW = "SELECT id, customer, amount, to_char(placed_at AT TIME ZONE 'UTC',"
            + " 'YYYY-MM-DD HH24:MI:SS.US'), paid, note, ref::text FROM orders ORDER BY id";
    static final String MARIADB_ORDERS_VIEW = "SELECT id, customer, amount, DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i:%s.%f'),"
            + " paid, note, LOWER(ref) FROM orders ORDER BY id";

    static void applyChanges(Connection source) throws SQLException {
        Databases.execute(source,
                "UPDATE orders SET amount = amount + 100, note = 'updated' WHERE id % 10 = 1",
                "DELETE FROM orders WHERE id % 10 = 2",
                "UPDATE orders SET id = id + 100000 WHERE id = 3",
                "INSERT INTO orders SELECT g, 'late ' || g, 9.99, now(), true, NULL, NULL, NULL FROM generate_series(5001, 5100) g");
    }

    static Map<String, String> sinkConfig(String topicsRegex, String url) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics.regex", topicsRegex);
        config.put("connection.url", url);
        config.put("connection.username", Databases.USER);
        config.put("connection.password", Databases.PASSWORD);
        config.put("insert.mode", "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("schema.evolution", "basic");
        config.put("table.name.format", "${source.table}");
        // A regex subscription picks up topics created later only at the next metadata refresh
        // (5 minutes by default); the source creates its topics after the sink starts.
        config.put("consumer.override.metadata.max.age.ms", "2000");
        return config;
    }

    static Map<String, String> withAvro(Map<String, String> config, String registryUrl) {
        config.put("key.converter", "io.sluice.schema.avro.AvroConverter");
        config.put("key.converter.schema.registry.url", registryUrl);
        config.put("value.converter", "io.sluice.schema.avro.AvroConverter");
        config.put("value.converter.schema.registry.url", registryUrl);
        return config;
    }

    static Map<String, String> withJsonSchemas(Map<String, String> config) {
        return withJsonSchemas(config, "org.apache.kafka.connect.json.JsonConverter");
    }

    /** Sluice's drop-in JsonConverter (same bytes as Kafka's), loaded from the schema-support plugin. */
    static Map<String, String> withSluiceJsonSchemas(Map<String, String> config) {
        return withJsonSchemas(config, "io.sluice.schema.json.JsonConverter");
    }

    private static Map<String, String> withJsonSchemas(Map<String, String> config, String converterClass) {
        config.put("key.converter", converterClass);
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", converterClass);
        config.put("value.converter.schemas.enable", "true");
        return config;
    }

    /** Rows as comparable text: decimals without trailing zeros, booleans as 0/1, timestamps in UTC. */
    static List<List<String>> normalised(List<List<Object>> rows) {
        List<List<String>> result = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> values = new ArrayList<>();
            for (Object value : row) {
                if (value instanceof BigDecimal decimal) {
                    values.add(decimal.stripTrailingZeros().toPlainString());
                } else if (value instanceof Boolean bool) {
                    values.add(bool ? "1" : "0");
                } else if (value instanceof java.sql.Timestamp timestamp) {
                    values.add(timestamp.toLocalDateTime().toString());
                } else if (value instanceof java.time.OffsetDateTime offsetDateTime) {
                    values.add(offsetDateTime.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime().toString());
                } else if (value instanceof Number number) {
                    values.add(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
                } else {
                    values.add(value == null ? null : value.toString());
                }
            }
            result.add(values);
        }
        return result;
    }

    interface RowQuery {
        List<List<Object>> rows() throws SQLException;
    }

    /** Waits until the target's rows equal the source's, then asserts it (showing the difference if not). */
    static void awaitEqual(RowQuery source, RowQuery target, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<List<String>> expected = normalised(source.rows());
        List<List<String>> actual = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                actual = normalised(target.rows());
            } catch (SQLException tableNotThereYet) {
                actual = List.of();
            }
            if (actual.equals(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(actual).as("target rows").containsExactlyElementsOf(expected);
    }

    private void postgresToMariadb(String name, boolean avro) throws Exception {
        String sourceDb = "it_pipe_" + name;
        String targetDb = "it_pipe_" + name + "_target";
        Databases.recreatePostgresDatabase(sourceDb);
        Databases.recreateMariadbDatabase(targetDb);
        try (Connection source = Databases.postgres(sourceDb); Connection target = Databases.mariadb(targetDb)) {
            Databases.execute(source, PG_ORDERS, PG_ORDERS_SEED.replace("{rows}", "5000"));
            Map<String, String> sourceConfig = PostgresCdcIT.sourceConfig(sourceDb, name, "public.orders");
            Map<String, String> sinkConfig = sinkConfig(name + "\\.public\\..*", Databases.mariadbUrl(targetDb));
            if (avro) {
                withAvro(sourceConfig, stack.registryUrl());
                withAvro(sinkConfig, stack.registryUrl());
            } else {
                // Sluice's JsonConverter writes, Kafka's reads: the bytes must be the same.
                withSluiceJsonSchemas(sourceConfig);
                withJsonSchemas(sinkConfig);
            }
            start(name + "-source", sourceConfig);
            start(name + "-sink", sinkConfig);
            awaitEqual(() -> Databases.rows(source, PG_ORDERS_VIEW), () -> Databases.rows(target, MARIADB_ORDERS_VIEW),
                    Duration.ofSeconds(90));
            applyChanges(source);
            awaitEqual(() -> Databases.rows(source, PG_ORDERS_VIEW), () -> Databases.rows(target, MARIADB_ORDERS_VIEW),
                    Duration.ofSeconds(90));
        }
    }

    @Test
    void postgresToMariadbWithJsonEndsEqual(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        postgresToMariadb("pgjson", false);
    }

    @Test
    void postgresToMariadbWithAvroThroughTheRegistryEndsEqual(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        postgresToMariadb("pgavro", true);
    }

    @Test
    void debeziumPostgresTopicIsAppliedBySluiceSink(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        String sourceDb = "it_pipe_dbz";
        String targetDb = "it_pipe_dbz_target";
        Databases.recreatePostgresDatabase(sourceDb);
        Databases.recreateMariadbDatabase(targetDb);
        try (Connection source = Databases.postgres(sourceDb); Connection target = Databases.mariadb(targetDb)) {
            Databases.execute(source, PG_ORDERS, PG_ORDERS_SEED.replace("{rows}", "2000"));
            Map<String, String> debezium = withJsonSchemas(new HashMap<>());
            debezium.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            debezium.put("tasks.max", "1");
            debezium.put("plugin.name", "pgoutput");
            debezium.put("database.hostname", Databases.HOST);
            debezium.put("database.port", String.valueOf(Databases.POSTGRES_PORT));
            debezium.put("database.user", Databases.USER);
            debezium.put("database.password", Databases.PASSWORD);
            debezium.put("database.dbname", sourceDb);
            debezium.put("topic.prefix", "dbz");
            debezium.put("table.include.list", "public.orders");
            debezium.put("slot.name", sourceDb);
            debezium.put("publication.name", sourceDb);
            debezium.put("publication.autocreate.mode", "filtered");
            start("dbz-source", debezium);
            // Kafka's JsonConverter wrote Debezium's events; Sluice's reads them.
            start("dbz-sink", withSluiceJsonSchemas(sinkConfig("dbz\\.public\\..*", Databases.mariadbUrl(targetDb))));
            awaitEqual(() -> Databases.rows(source, PG_ORDERS_VIEW), () -> Databases.rows(target, MARIADB_ORDERS_VIEW),
                    Duration.ofSeconds(90));
            applyChanges(source);
            awaitEqual(() -> Databases.rows(source, PG_ORDERS_VIEW), () -> Databases.rows(target, MARIADB_ORDERS_VIEW),
                    Duration.ofSeconds(90));
        }
    }

    @Test
    void mariadbToPostgresEndsEqual(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        String sourceDb = "it_pipe_my";
        String targetDb = "it_pipe_my_target";
        Databases.recreateMariadbDatabase(sourceDb);
        Databases.recreatePostgresDatabase(targetDb);
        String view = "SELECT id, customer, amount, note FROM orders ORDER BY id";
        try (Connection source = Databases.mariadb(sourceDb); Connection target = Databases.postgres(targetDb)) {
            Databases.execute(source,
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(100) NOT NULL, amount DECIMAL(12,2), note TEXT)",
                    "INSERT INTO orders SELECT seq, CONCAT('customer ', seq), seq * 1.25,"
                            + " IF(seq % 5 = 0, NULL, CONCAT('note ', seq)) FROM seq_1_to_3000");
            Map<String, String> mysql = withJsonSchemas(new HashMap<>());
            mysql.put("connector.class", "io.sluice.cdc.mysql.MySqlSourceConnector");
            mysql.put("tasks.max", "1");
            mysql.put("database.hostname", Databases.HOST);
            mysql.put("database.port", String.valueOf(Databases.MARIADB_PORT));
            mysql.put("database.user", Databases.USER);
            mysql.put("database.password", Databases.PASSWORD);
            mysql.put("database.server.id", "6101");
            mysql.put("database.include.list", sourceDb);
            mysql.put("topic.prefix", "mypipe");
            start("mypipe-source", mysql);
            start("mypipe-sink", withJsonSchemas(sinkConfig("mypipe\\." + sourceDb + "\\..*", Databases.postgresUrl(targetDb))));
            awaitEqual(() -> Databases.rows(source, view), () -> Databases.rows(target, view), Duration.ofSeconds(90));
            Databases.execute(source,
                    "UPDATE orders SET amount = amount + 100, note = 'updated' WHERE id % 10 = 1",
                    "DELETE FROM orders WHERE id % 10 = 2",
                    "UPDATE orders SET id = id + 100000 WHERE id = 3",
                    "INSERT INTO orders SELECT seq, CONCAT('late ', seq), 9.99, NULL FROM seq_5001_to_5100");
            awaitEqual(() -> Databases.rows(source, view), () -> Databases.rows(target, view), Duration.ofSeconds(90));
        }
    }
}
