package io.sluice.jdbc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.sink.JdbcSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** Parsing, aliases and the combinations that validation refuses (without connecting). */
class JdbcSinkConfigTest {

    private static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://127.0.0.1:1/none");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaultsAreSafe() {
        JdbcSinkConfig config = new JdbcSinkConfig(props());
        assertThat(config.insertMode()).isEqualTo(InsertMode.INSERT);
        assertThat(config.primaryKeyMode()).isEqualTo(PrimaryKeyMode.NONE);
        assertThat(config.schemaEvolution()).isEqualTo(SchemaEvolution.NONE);
        assertThat(config.deleteEnabled()).isFalse();
        assertThat(config.quoteIdentifiers()).isTrue();
        assertThat(config.tableNameFormat()).isEqualTo("${source.table}");
        assertThat(config.timeZone().getId()).isEqualTo("UTC");
    }

    @Test
    void confluentNamesAreAccepted() {
        JdbcSinkConfig config = new JdbcSinkConfig(props("connection.user", "app", "pk.mode", "record_value",
                "pk.fields", "id,line", "auto.create", "true", "insert.mode", "UPSERT", "quote.sql.identifiers", "never",
                "db.timezone", "Europe/Paris", "dialect.name", "PostgreSqlDatabaseDialect"));
        assertThat(config.username()).isEqualTo("app");
        assertThat(config.primaryKeyMode()).isEqualTo(PrimaryKeyMode.RECORD_VALUE);
        assertThat(config.primaryKeyFields()).containsExactly("id", "line");
        assertThat(config.schemaEvolution()).isEqualTo(SchemaEvolution.BASIC);
        assertThat(config.insertMode()).isEqualTo(InsertMode.UPSERT);
        assertThat(config.quoteIdentifiers()).isFalse();
        assertThat(config.timeZone().getId()).isEqualTo("Europe/Paris");
        assertThat(config.dialectName()).isEqualTo("postgresql");
    }

    @Test
    void anAliasThatContradictsOurNameIsRefused() {
        assertThatThrownBy(() -> new JdbcSinkConfig(props("pk.mode", "kafka", "primary.key.mode", "record_key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pk.mode");
    }

    @Test
    void incoherentCombinationsAreNamedOnTheirOption() {
        assertThat(problems("insert.mode", "upsert")).extracting(ConfigProblem::option).containsExactly("insert.mode");
        assertThat(problems("delete.enabled", "true", "primary.key.mode", "record_value", "primary.key.fields", "id",
                "insert.mode", "upsert")).extracting(ConfigProblem::option).containsExactly("delete.enabled");
        assertThat(problems("primary.key.mode", "record_value")).extracting(ConfigProblem::option)
                .containsExactly("primary.key.fields");
        assertThat(problems("primary.key.mode", "kafka", "primary.key.fields", "a,b")).extracting(ConfigProblem::option)
                .containsExactly("primary.key.fields");
        assertThat(problems("field.include.list", "a", "field.exclude.list", "b")).extracting(ConfigProblem::option)
                .containsExactly("field.exclude.list");
        assertThat(problems("insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true")).isEmpty();
    }

    private static List<ConfigProblem> problems(String... keysAndValues) {
        return JdbcSinkConfig.unchecked(props(keysAndValues)).combinationProblems();
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new JdbcSinkConfig(props("insert.mode", "merge"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new JdbcSinkConfig(props("database.time_zone", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new JdbcSinkConfig(props("dialect.name", "oracle"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new JdbcSinkConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url");
    }

    @Test
    void validateReportsCombinationsOnTheRightFieldWithoutConnecting() {
        Map<String, ConfigValue> values = validate(props("insert.mode", "upsert"));
        assertThat(values.get("insert.mode").errorMessages()).singleElement().asString().contains("primary.key.mode");
        assertThat(values.get("connection.url").errorMessages()).isEmpty();
    }

    @Test
    void validateReportsAnUnknownUrlOnTheUrl() {
        Map<String, ConfigValue> values = validate(Map.of("connection.url", "jdbc:oracle:thin:@db:1521/x"));
        assertThat(values.get("connection.url").errorMessages()).singleElement().asString().contains("not a URL");
    }

    @Test
    void thePasswordIsHiddenInTheConfig() {
        JdbcSinkConfig config = new JdbcSinkConfig(props("connection.password", "hunter2"));
        assertThat(config.password().toString()).doesNotContain("hunter2");
        assertThat(config.password().value()).isEqualTo("hunter2");
    }

    static Map<String, ConfigValue> validate(Map<String, String> props) {
        Map<String, ConfigValue> values = new HashMap<>();
        new JdbcSinkConnector().validate(props).configValues().forEach(v -> values.put(v.name(), v));
        return values;
    }
}
