package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker's validate endpoint reports a bad connector config on the field at fault. */
@ExtendWith(LocalStack.class)
class ConfigValidationIT {

    @Test
    void postgresSourceWithoutHostIsRejectedOnDatabaseHostname(LocalStack.Stack stack) {
        JsonNode answer = stack.connect().validate("io.sluice.cdc.postgres.PostgresSourceConnector", Map.of(
                "connector.class", "io.sluice.cdc.postgres.PostgresSourceConnector",
                "name", "pg-missing-host",
                "topic.prefix", "shop"));
        assertThat(answer.path("error_count").asInt()).isPositive();
        assertThat(fieldsWithErrors(answer)).contains("database.hostname");
    }

    @Test
    void sinkWithoutUrlIsRejectedOnConnectionUrl(LocalStack.Stack stack) {
        JsonNode answer = stack.connect().validate("io.sluice.jdbc.sink.JdbcSinkConnector", Map.of(
                "connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "name", "sink-missing-url",
                "topics", "orders"));
        assertThat(answer.path("error_count").asInt()).isPositive();
        assertThat(fieldsWithErrors(answer)).contains("connection.url").doesNotContain("topics");
    }

    static List<String> fieldsWithErrors(JsonNode validation) {
        List<String> fields = new ArrayList<>();
        for (JsonNode config : validation.path("configs")) {
            if (config.path("value").path("errors").size() > 0) {
                fields.add(config.path("value").path("name").asText());
            }
        }
        return fields;
    }
}
