package io.sluice.it;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jdbc-source from MariaDB into Kafka (Avro through the registry), jdbc-sink into PostgreSQL. */
@ExtendWith(LocalStack.class)
class JdbcSourceIT {

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

    @Test
    void mariadbTablesPolledIntoKafkaAndAppliedToPostgresEndEqual(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        String sourceDb = "it_src_my";
        String targetDb = "it_src_my_target";
        Databases.recreateMariadbDatabase(sourceDb);
        Databases.recreatePostgresDatabase(targetDb);
        String view = "SELECT id, name, price, updated_at FROM products ORDER BY id";
        try (Connection source = Databases.mariadb(sourceDb); Connection target = Databases.postgres(targetDb)) {
            Databases.execute(source,
                    "CREATE TABLE products (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                            + " price DECIMAL(10,2) NOT NULL, updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))",
                    "INSERT INTO products (name, price, updated_at) SELECT CONCAT('product ', seq), seq / 4,"
                            + " TIMESTAMP '2026-03-01 10:00:00' + INTERVAL seq SECOND FROM seq_1_to_2000");
            Map<String, String> jdbcSource = PipelineIT.withAvro(new HashMap<>(), stack.registryUrl());
            jdbcSource.put("connector.class", "io.sluice.jdbc.source.JdbcSourceConnector");
            jdbcSource.put("tasks.max", "1");
            jdbcSource.put("connection.url", Databases.mariadbUrl(sourceDb));
            jdbcSource.put("connection.user", Databases.USER);
            jdbcSource.put("connection.password", Databases.PASSWORD);
            jdbcSource.put("mode", "incrementing");
            jdbcSource.put("incrementing.column.name", "id");
            jdbcSource.put("table.include.list", "products");
            jdbcSource.put("topic.prefix", "jsrc-");
            jdbcSource.put("key.columns", "id");
            jdbcSource.put("poll.interval.ms", "500");
            start("jsrc-source", jdbcSource);

            Map<String, String> sink = PipelineIT.withAvro(new HashMap<>(), stack.registryUrl());
            sink.put("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector");
            sink.put("tasks.max", "1");
            sink.put("topics", "jsrc-products");
            sink.put("connection.url", Databases.postgresUrl(targetDb));
            sink.put("connection.username", Databases.USER);
            sink.put("connection.password", Databases.PASSWORD);
            sink.put("insert.mode", "upsert");
            sink.put("primary.key.mode", "record_value");
            sink.put("primary.key.fields", "id");
            sink.put("auto.create", "true");
            sink.put("table.name.format", "products");
            start("jsrc-sink", sink);

            PipelineIT.awaitEqual(() -> Databases.rows(source, view), () -> Databases.rows(target, view), Duration.ofSeconds(90));
            Databases.execute(source, "INSERT INTO products (name, price, updated_at) SELECT CONCAT('new ', seq), 1.5,"
                    + " TIMESTAMP '2026-04-01 00:00:00' FROM seq_1_to_500");
            PipelineIT.awaitEqual(() -> Databases.rows(source, view), () -> Databases.rows(target, view), Duration.ofSeconds(90));
        }
    }
}
