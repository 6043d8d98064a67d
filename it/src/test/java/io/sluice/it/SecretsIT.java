package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Passwords given to Sluice connectors never reach the worker's log, status output or error messages. */
@ExtendWith(LocalStack.class)
class SecretsIT {

    // The local PostgreSQL trusts 127.0.0.1, so any password logs in; this one is easy to grep for.
    static final String PASSWORD = "Pw-it-4f9c2b7e-never-log-me";

    @Test
    void passwordsStayOutOfLogsStatusAndErrors(LocalStack.Stack stack) throws Exception {
        String database = "it_secrets";
        Databases.recreatePostgresDatabase(database);
        try (Connection db = Databases.postgres(database)) {
            Databases.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')");
        }
        Map<String, String> source = PostgresCdcIT.sourceConfig(database, "sec", "public.t");
        source.put("database.password", PASSWORD);
        Map<String, String> sink = new HashMap<>(PipelineIT.sinkConfig("sec\\..*", "jdbc:mariadb://127.0.0.1:1/nowhere"));
        sink.put("connection.password", PASSWORD);
        try {
            stack.connect().putConnector("secrets-source", source);
            stack.connect().awaitRunning("secrets-source", Duration.ofSeconds(60));
            // An unreachable target: validation and the task's failure both produce error messages.
            JsonNode validation = stack.connect().validate("io.sluice.jdbc.sink.JdbcSinkConnector", withName(sink));
            assertThat(validation.toString()).doesNotContain(PASSWORD);
            // The worker refuses to create it, quoting our validation error.
            assertThatThrownBy(() -> stack.connect().putConnector("secrets-sink", sink))
                    .hasMessageContaining("cannot connect")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
            assertThat(stack.connect().status("secrets-source").toString()).doesNotContain(PASSWORD);
        } finally {
            stack.connect().deleteConnector("secrets-sink");
            stack.connect().deleteConnector("secrets-source");
        }
        assertThat(Files.readString(stack.workerLog())).as("worker log").doesNotContain(PASSWORD);
    }

    private static Map<String, String> withName(Map<String, String> config) {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", "secrets-sink");
        return named;
    }
}
