package io.sluice.verify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.sluice.verify.TestDatabases.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * --pipeline against a stand-in for the Connect REST API serving a Sluice PostgreSQL source and a JDBC sink
 * into MariaDB, with passwords hidden the way a worker hides them.
 */
class PipelineIT {

    private static final String DATABASE = "verify_pipeline";

    private HttpServer connect;

    @BeforeAll
    static void createTables() throws Exception {
        TestDatabases.recreatePostgres(DATABASE);
        TestDatabases.recreateMariaDb(DATABASE);
        TestDatabases.postgres(DATABASE,
                "CREATE TABLE customers (id int PRIMARY KEY, name text)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric(10,2))",
                "CREATE TABLE not_captured (id int PRIMARY KEY)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Linus')",
                "INSERT INTO orders VALUES (10, 1, 9.90), (11, 2, 100)");
        TestDatabases.mariaDb(DATABASE,
                "CREATE TABLE public_customers (id INT PRIMARY KEY, name TEXT)",
                "CREATE TABLE public_orders (id INT PRIMARY KEY, customer INT, total DECIMAL(10,2))",
                "INSERT INTO public_customers VALUES (1, 'Ada'), (2, 'Linus')",
                "INSERT INTO public_orders VALUES (10, 1, 9.90)");
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(DATABASE);
        TestDatabases.dropMariaDb(DATABASE);
    }

    @BeforeEach
    void startConnect() throws IOException {
        connect = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/connectors", "[\"shop\", \"shop-to-mariadb\", \"unrelated\"]");
        serve("/connectors/shop/config", """
                {"connector.class": "io.sluice.cdc.postgres.PostgresSourceConnector", "name": "shop",
                 "database.hostname": "127.0.0.1", "database.port": "5432", "database.dbname": "%s",
                 "database.user": "sluice", "database.password": "[hidden]", "topic.prefix": "shop",
                 "table.include.list": "public\\\\.(customers|orders)"}""".formatted(DATABASE));
        serve("/connectors/shop-to-mariadb/config", """
                {"connector.class": "io.sluice.jdbc.sink.JdbcSinkConnector", "name": "shop-to-mariadb",
                 "connection.url": "jdbc:mariadb://127.0.0.1:3306/%s", "connection.username": "sluice",
                 "connection.password": "[hidden]", "topics.regex": "shop\\\\.public\\\\..*",
                 "table.name.format": "${source.schema}_${source.table}"}""".formatted(DATABASE));
        serve("/connectors/unrelated/config", "{\"connector.class\": \"org.apache.kafka.connect.file.FileStreamSinkConnector\"}");
        connect.start();
    }

    @AfterEach
    void stopConnect() {
        connect.stop(0);
    }

    private void serve(String path, String body) {
        connect.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals(path) ? 200 : 404;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private String connectUrl() {
        return "http://127.0.0.1:" + connect.getAddress().getPort();
    }

    @Test
    void comparesEveryCapturedTableWithItsSinkTable() throws Exception {
        VerifyRun run = VerifyRun.of(Map.of("SLUICE_VERIFY_SOURCE_PASSWORD", PASSWORD, "SLUICE_VERIFY_TARGET_PASSWORD", PASSWORD),
                "--pipeline", "shop", "--connect-url", connectUrl());

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains("public.customers -> " + DATABASE + ".public_customers: equal")
                .contains("public.orders -> " + DATABASE + ".public_orders: DIFFERENT")
                .contains("missing in target (1): id=11")
                .doesNotContain("not_captured");
    }

    @Test
    void aHiddenPasswordWithoutAReplacementIsAnErrorSayingWhatToPass() {
        VerifyRun run = VerifyRun.of("--pipeline", "shop", "--connect-url", connectUrl());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("database.password is hidden by the worker").contains("--source-password")
                .contains("SLUICE_VERIFY_SOURCE_PASSWORD");
    }

    @Test
    void anUnknownPipelineIsAnError() {
        VerifyRun run = VerifyRun.of("--pipeline", "nope", "--connect-url", connectUrl());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("404");
    }
}
