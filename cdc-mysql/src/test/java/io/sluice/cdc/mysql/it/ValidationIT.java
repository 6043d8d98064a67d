package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.mysql.MySqlSourceConnector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** {@code validate()} against the real server reports each problem on the option to change. */
class ValidationIT {

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Config result = new MySqlSourceConnector().validate(config);
        return result.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aReadyServerPasses() {
        assertThat(errors(TaskHarness.config("v", "cdc_my_none", 5560))).isEmpty();
    }

    @Test
    void wrongCredentialsAreReportedOnUserAndPassword() {
        Map<String, String> config = TaskHarness.config("v", "cdc_my_none", 5561);
        config.put("database.password", "wrong");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("database.user", "database.password");
        assertThat(errors.get("database.password").get(0)).contains("refused the credentials");
    }

    @Test
    void theServersOwnIdIsReportedOnTheServerId() throws Exception {
        String own;
        try (TestDatabase db = new TestDatabase("valid")) {
            own = db.queryString("SELECT @@server_id");
        }
        Map<String, List<String>> errors = errors(TaskHarness.config("v", "cdc_my_none", Long.parseLong(own)));
        assertThat(errors).containsOnlyKeys("database.server.id");
    }

    @Test
    void anUnreachableServerIsReportedOnTheHostname() {
        Map<String, String> config = TaskHarness.config("v", "cdc_my_none", 5562);
        config.put("database.port", "1");
        config.put("connect.timeout.ms", "2000");
        assertThat(errors(config)).containsOnlyKeys("database.hostname");
    }

    @Test
    void anIncludeListAndItsExcludeListCannotBothBeSet() {
        Map<String, String> config = TaskHarness.config("v", "cdc_my_none", 5564);
        config.put("table.exclude.list", "cdc_my_none\\.secret");
        config.put("table.include.list", "cdc_my_none\\.public");
        assertThat(errors(config)).containsOnlyKeys("table.exclude.list");
    }

    @Test
    void aMissingSignalTableIsReportedOnTheSignalOption() throws Exception {
        Map<String, String> config = TaskHarness.config("v", "cdc_my_none", 5565);
        config.put("signal.data.collection", "cdc_my_valid.signals");
        try (TestDatabase db = new TestDatabase("valid")) {
            Map<String, List<String>> errors = errors(config);
            assertThat(errors).containsOnlyKeys("signal.data.collection");
            assertThat(errors.get("signal.data.collection").get(0)).contains("does not exist");
            db.execute("CREATE TABLE signals (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                    + "data VARCHAR(2048))");
            assertThat(errors(config)).isEmpty();
        }
    }

    @Test
    void invalidOptionsAreReportedWithoutConnecting() {
        Map<String, String> config = TaskHarness.config("bad prefix!", "cdc_my_none", 5563);
        config.put("snapshot.mode", "sometimes");
        assertThat(errors(config)).containsOnlyKeys("topic.prefix", "snapshot.mode");
    }
}
