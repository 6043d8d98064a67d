package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.JdbcSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code validate()} connects to the real databases and puts each problem on the option to change. */
class ConnectorValidationIT {

    private static Map<String, List<String>> errors(String url, String user, String password) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", url, "connection.username", user,
                "connection.password", password, "insert.mode", "upsert", "primary.key.mode", "record_key",
                "schema.evolution", "basic"));
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new JdbcSinkConnector().validate(props).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/sluice", "jdbc:mariadb://127.0.0.1:3306/sluice",
        "jdbc:mysql://127.0.0.1:3306/sluice"})
    void aGoodConfigHasNoErrors(String url) {
        assertThat(errors(url, "sluice", "sluice")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/sluice", "jdbc:mariadb://127.0.0.1:3306/sluice"})
    void badCredentialsLandOnThePassword(String url) {
        // An unknown user: the test PostgreSQL trusts local connections of known users whatever their password.
        Map<String, List<String>> errors = errors(url, "jdbc_sink_nobody", "wrong");
        assertThat(errors).containsOnlyKeys("connection.password");
        assertThat(errors.get("connection.password").get(0)).contains("refused the user name or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/jdbc_sink_no_such_db",
        "jdbc:mariadb://127.0.0.1:3306/jdbc_sink_no_such_db"})
    void anUnknownDatabaseLandsOnTheUrl(String url) {
        Map<String, List<String>> errors = errors(url, "sluice", "sluice");
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).contains("does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/sluice", "jdbc:mariadb://127.0.0.1:1/sluice"})
    void anUnreachableServerLandsOnTheUrl(String url) {
        Map<String, List<String>> errors = errors(url, "sluice", "sluice");
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).startsWith("cannot connect");
    }
}
