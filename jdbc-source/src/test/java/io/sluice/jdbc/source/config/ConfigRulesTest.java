package io.sluice.jdbc.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConfigRulesTest {

    private static JdbcSourceConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://localhost/db");
        props.put("topic.prefix", "p.");
        props.put("mode", "bulk");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new JdbcSourceConfig(props);
    }

    @Test
    void defaultsFollowConfluentsExceptTheDelay() {
        JdbcSourceConfig config = config();
        assertThat(config.pollIntervalMs()).isEqualTo(5000);
        assertThat(config.batchMaxRows()).isEqualTo(100);
        assertThat(config.tablePollIntervalMs()).isEqualTo(60_000);
        assertThat(config.numericMapping()).isEqualTo(NumericMapping.NONE);
        assertThat(config.tableTypes()).containsExactly("TABLE");
        assertThat(config.quoteIdentifiers()).isTrue();
        assertThat(config.timestampDelayMs()).isEqualTo(5000);
        assertThat(config.timestampInitial()).isNull();
        assertThat(ConfigRules.check(config)).isEmpty();
    }

    @Test
    void eachModeNeedsItsColumns() {
        assertThat(ConfigRules.check(config("mode", "incrementing"))).containsOnlyKeys("incrementing.column.name");
        assertThat(ConfigRules.check(config("mode", "timestamp"))).containsOnlyKeys("timestamp.column.name");
        assertThat(ConfigRules.check(config("mode", "timestamp+incrementing")))
                .containsOnlyKeys("incrementing.column.name", "timestamp.column.name");
        assertThat(ConfigRules.check(config("mode", "timestamp+incrementing", "incrementing.column.name", "id",
                "timestamp.column.name", "a, b"))).isEmpty();
        assertThat(config("timestamp.column.name", "a, b").timestampColumns()).containsExactly("a", "b");
    }

    @Test
    void aQueryExcludesTableLists() {
        assertThat(ConfigRules.check(config("query", "SELECT 1", "table.whitelist", "t"))).containsOnlyKeys("query");
    }

    @Test
    void aliasesActLikeTheNewNamesButNotBothAtOnce() {
        assertThat(config("table.whitelist", "a,b").includedTables()).containsExactly("a", "b");
        assertThat(config("table.blacklist", "c").excludedTables()).containsExactly("c");
        assertThat(ConfigRules.check(config("table.include.list", "a", "table.whitelist", "b")))
                .containsOnlyKeys("table.whitelist");
        assertThat(ConfigRules.check(config("table.include.list", "a", "table.exclude.list", "b")))
                .containsOnlyKeys("table.exclude.list");
    }

    @Test
    void enumsAndZonesAreValidatedByTheConfigDef() {
        assertThatThrownBy(() -> config("mode", "sometimes")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> config("numeric.mapping", "exact")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> config("db.timezone", "Mars/Olympus")).isInstanceOf(ConfigException.class);
        assertThat(config("mode", "TIMESTAMP+INCREMENTING").mode()).isEqualTo(Mode.TIMESTAMP_INCREMENTING);
        assertThat(config("transaction.isolation.mode", "serializable").transactionIsolation())
                .isEqualTo(TransactionIsolation.SERIALIZABLE);
    }

    @Test
    void thePasswordIsAPasswordAndEveryKeyIsDocumented() {
        assertThat(JdbcSourceConfig.CONFIG_DEF.configKeys().get("connection.password").type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(config("connection.password", "secret").password().toString()).doesNotContain("secret");
        JdbcSourceConfig.CONFIG_DEF.configKeys().values()
                .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
}
