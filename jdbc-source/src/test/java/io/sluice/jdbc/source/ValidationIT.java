package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** validate() asks the database and puts each problem on the setting to fix. */
class ValidationIT {

    private static TestDatabase db;

    @BeforeAll
    static void createTables() throws Exception {
        db = TestDatabase.create(Engine.POSTGRES, "validate");
        db.execute("CREATE TABLE orders (id INT NOT NULL PRIMARY KEY, changed TIMESTAMP, created TIMESTAMP NOT NULL)");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>(db.sourceConfig());
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new JdbcSourceConnector().validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aGoodConfigHasNoErrors() {
        assertThat(errors(config())).isEmpty();
        assertThat(errors(config("mode", "timestamp+incrementing", "timestamp.column.name", "changed,created")))
                .isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsReportedOnTheUrl() {
        assertThat(errors(config("connection.url", "jdbc:postgresql://127.0.0.1:1/nowhere")))
                .containsOnlyKeys("connection.url");
    }

    @Test
    void aWrongPasswordIsReportedOnThePassword() {
        // The local PostgreSQL trusts local logins; MariaDB checks passwords.
        Map<String, List<String>> errors = errors(config("connection.url", "jdbc:mariadb://127.0.0.1:3306/sluice",
                "connection.password", "wrong"));
        assertThat(errors).containsOnlyKeys("connection.password");
        assertThat(errors.get("connection.password").get(0)).doesNotContain("wrong");
    }

    @Test
    void aModeWithoutItsColumnIsReportedOnTheColumnSetting() {
        assertThat(errors(config("incrementing.column.name", ""))).containsOnlyKeys("incrementing.column.name");
        assertThat(errors(config("mode", "timestamp"))).containsOnlyKeys("timestamp.column.name");
    }

    @Test
    void aColumnMissingFromATableIsReported() {
        Map<String, List<String>> errors = errors(config("incrementing.column.name", "no_such_column"));
        assertThat(errors).containsOnlyKeys("incrementing.column.name");
        assertThat(errors.get("incrementing.column.name").get(0)).contains("no_such_column", "public.orders");
        assertThat(errors(config("key.columns", "nope"))).containsOnlyKeys("key.columns");
    }

    @Test
    void aNullableTimestampColumnIsRefusedUnlessValidationIsOff() {
        assertThat(errors(config("mode", "timestamp", "timestamp.column.name", "changed")))
                .containsOnlyKeys("timestamp.column.name");
        assertThat(errors(config("mode", "timestamp", "timestamp.column.name", "changed",
                "validate.non.null", "false"))).isEmpty();
    }

    @Test
    void aQueryTogetherWithTableListsIsRefused() {
        assertThat(errors(config("query", "SELECT * FROM orders", "table.include.list", "orders")))
                .containsOnlyKeys("query");
    }

    @Test
    void aFailingQueryOrAMissingQueryColumnIsReported() {
        assertThat(errors(config("query", "SELECT * FROM no_such_table"))).containsOnlyKeys("query");
        assertThat(errors(config("query", "SELECT created FROM orders"))).containsOnlyKeys("incrementing.column.name");
    }

    @Test
    void anIncludedTableThatDoesNotExistIsReported() {
        assertThat(errors(config("table.include.list", "orders,ghosts"))).containsOnlyKeys("table.include.list");
        assertThat(errors(config("table.whitelist", "ghosts"))).containsOnlyKeys("table.whitelist");
    }
}
