package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.JdbcSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code validate()} connects to the real databases and puts each problem on the option to change. */
class ConnectorValidationIT {

    private static Map<String, List<String>> errors(String url, String user, String password) {
        return errors(url, user, password, "upsert", "basic", "false", "false");
    }

    private static Map<String, List<String>> errors(String url, String user, String password, String insertMode,
                                                    String evolution, String deletes, String truncates) {
        return errors(Map.of("connection.url", url, "connection.username", user, "connection.password", password,
                "insert.mode", insertMode, "primary.key.mode", "record_key", "schema.evolution", evolution,
                "delete.enabled", deletes, "truncate.enabled", truncates));
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
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

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void missingMySqlPrivilegesLandOnTheOptionsThatNeedThem(String scheme) throws Exception {
        String user = "jdbc_sink_limited";
        TargetDatabase database = new TargetDatabase.MariaDb("jdbc_sink_grants");
        String url = "jdbc:" + scheme + "://127.0.0.1:3306/" + database.name;
        database.create();
        try {
            database.execute("DROP USER IF EXISTS '" + user + "'@'%'",
                    "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'limited'",
                    "GRANT SELECT, INSERT ON `" + database.name + "`.* TO '" + user + "'@'%'");
            Map<String, List<String>> errors = errors(url, user, "limited", "upsert", "basic", "true", "true");
            assertThat(errors).containsOnlyKeys("connection.username", "delete.enabled", "truncate.enabled",
                    "schema.evolution");
            assertThat(errors.get("connection.username").get(0))
                    .contains("lacks the UPDATE privilege on database " + database.name)
                    .contains("insert.mode=upsert");
            assertThat(errors.get("delete.enabled").get(0)).contains("lacks the DELETE privilege");
            assertThat(errors.get("truncate.enabled").get(0)).contains("lacks the DELETE privilege");
            assertThat(errors.get("schema.evolution").get(0)).contains("lacks the CREATE, ALTER privilege");

            // What the user holds is enough for plain inserts into existing tables.
            assertThat(errors(url, user, "limited", "insert", "none", "false", "false")).isEmpty();

            // A grant on one table of the database counts, and so do a grant on databases by wildcard and one
            // to PUBLIC.
            database.execute("CREATE TABLE `" + database.name + "`.`items` (id INT PRIMARY KEY)",
                    "GRANT UPDATE ON `" + database.name + "`.`items` TO '" + user + "'@'%'",
                    "GRANT CREATE, ALTER ON `jdbc_sink_gr%`.* TO '" + user + "'@'%'",
                    "GRANT DELETE ON `" + database.name + "`.* TO PUBLIC");
            assertThat(errors(url, user, "limited", "upsert", "basic", "true", "true")).isEmpty();
        } finally {
            try {
                database.execute("REVOKE DELETE ON `" + database.name + "`.* FROM PUBLIC");
            } catch (java.sql.SQLException e) {
                // not granted: the test failed before
            }
            database.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            database.drop();
        }
    }

    @Test
    void aPostgresUserWhoMayNotCreateTemporaryTablesIsToldOnTheBulkLoad() throws Exception {
        String user = "jdbc_sink_no_temp";
        TargetDatabase database = new TargetDatabase.Postgres("jdbc_sink_no_temp");
        database.create();
        try {
            database.execute("DROP ROLE IF EXISTS " + user, "CREATE ROLE " + user + " LOGIN PASSWORD 'limited'",
                    "REVOKE TEMPORARY ON DATABASE " + database.name + " FROM PUBLIC");
            Map<String, String> props = new HashMap<>(Map.of("connection.url", database.url(), "connection.username",
                    user, "connection.password", "limited", "insert.mode", "insert", "primary.key.mode", "none",
                    "schema.evolution", "none"));
            Map<String, List<String>> errors = errors(props);
            assertThat(errors).containsOnlyKeys("bulk.load.enabled");
            assertThat(errors.get("bulk.load.enabled").get(0)).contains("may not create temporary tables in database "
                    + database.name).contains("bulk.load.enabled=false");

            props.put("bulk.load.enabled", "false");
            assertThat(errors(props)).isEmpty();
        } finally {
            database.drop();
            new TargetDatabase.Postgres("sluice").execute("DROP ROLE IF EXISTS " + user);
        }
    }
}
