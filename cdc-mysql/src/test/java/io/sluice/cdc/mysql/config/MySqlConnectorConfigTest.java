package io.sluice.cdc.mysql.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schema.event.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MySqlConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "db");
        props.put("database.user", "cdc");
        props.put("topic.prefix", "shop");
        return props;
    }

    @Test
    void defaultsFollowDebezium() {
        MySqlConnectorConfig config = new MySqlConnectorConfig(minimal());
        assertThat(config.connection().port()).isEqualTo(3306);
        assertThat(config.snapshot().mode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(config.snapshot().lockingMode()).isEqualTo(SnapshotLockingMode.MINIMAL);
        assertThat(config.capture().tombstonesOnDelete()).isTrue();
        assertThat(config.capture().includeSchemaChanges()).isTrue();
        assertThat(config.capture().skips(Operation.TRUNCATE)).isTrue();
        assertThat(config.capture().skips(Operation.CREATE)).isFalse();
        assertThat(config.streaming().heartbeatTopic("shop")).isEqualTo("__debezium-heartbeat.shop");
        assertThat(config.types().zeroDateHandling()).isEqualTo(ZeroDateHandlingMode.NULL);
    }

    @Test
    void theDefaultServerIdIsStableAndInTheDocumentedRange() {
        long id = new MySqlConnectorConfig(minimal()).connection().serverId();
        assertThat(id).isBetween(ConnectionConfig.SERVER_ID_RANGE_START, ConnectionConfig.SERVER_ID_RANGE_END);
        assertThat(new MySqlConnectorConfig(minimal()).connection().serverId()).isEqualTo(id);
        Map<String, String> props = minimal();
        props.put("database.server.id", "184054");
        assertThat(new MySqlConnectorConfig(props).connection().serverId()).isEqualTo(184054);
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        Map<String, String> props = minimal();
        props.put("snapshot.mode", "always");
        assertThatThrownBy(() -> new MySqlConnectorConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("snapshot.mode");
        Map<String, String> skipped = minimal();
        skipped.put("skipped.operations", "c,x");
        assertThatThrownBy(() -> new MySqlConnectorConfig(skipped)).hasMessageContaining("skipped.operations");
        Map<String, String> prefix = minimal();
        prefix.put("topic.prefix", "with space");
        assertThatThrownBy(() -> new MySqlConnectorConfig(prefix)).hasMessageContaining("topic.prefix");
        Map<String, String> serverId = minimal();
        serverId.put("database.server.id", "0");
        assertThatThrownBy(() -> new MySqlConnectorConfig(serverId)).hasMessageContaining("database.server.id");
    }

    @Test
    void thePasswordIsHiddenInTheConfigValues() {
        Map<String, String> props = minimal();
        props.put("database.password", "secret");
        MySqlConnectorConfig config = new MySqlConnectorConfig(props);
        assertThat(config.values().get("database.password").toString()).doesNotContain("secret");
        assertThat(config.connection().password()).isEqualTo("secret");
    }

    @Test
    void tableFilterMatchesWholeNamesIgnoringCaseAndNeverSystemDatabases() {
        TableFilter filter = new TableFilter(List.of("shop"), List.of(), List.of("shop\\.orders.*"), List.of(),
                List.of(), List.of("shop\\.orders\\.secret"));
        assertThat(filter.includesTable("shop", "orders")).isTrue();
        assertThat(filter.includesTable("SHOP", "Orders_2024")).isTrue();
        assertThat(filter.includesTable("shop", "customers")).isFalse();
        assertThat(filter.includesTable("shop2", "orders")).isFalse();
        assertThat(filter.includesColumn("shop", "orders", "secret")).isFalse();
        assertThat(filter.includesColumn("shop", "orders", "total")).isTrue();
        assertThat(TableFilter.all().includesDatabase("mysql")).isFalse();
        assertThat(TableFilter.all().includesDatabase("information_schema")).isFalse();
    }

    @Test
    void messageKeyColumnsPickTheFirstMatchingEntry() {
        MessageKeyColumns keys = MessageKeyColumns.parse("shop\\.orders:region,number; shop\\..*:id");
        assertThat(keys.keyColumns("shop", "orders")).containsExactly("region", "number");
        assertThat(keys.keyColumns("shop", "items")).containsExactly("id");
        assertThat(keys.keyColumns("other", "items")).isNull();
        assertThatThrownBy(() -> MessageKeyColumns.parse("shop.orders")).isInstanceOf(ConfigException.class);
    }

    @Test
    void theSignalTableIsDatabaseDotTable() {
        Map<String, String> props = minimal();
        assertThat(new MySqlConnectorConfig(props).snapshot().signalTable()).isNull();
        assertThat(new MySqlConnectorConfig(props).snapshot().incrementalChunkSize()).isEqualTo(1024);
        props.put("signal.data.collection", "ops.debezium_signal");
        assertThat(new MySqlConnectorConfig(props).snapshot().signalTable())
                .isEqualTo(new io.sluice.cdc.mysql.schema.TableId("ops", "debezium_signal"));
        props.put("signal.data.collection", "debezium_signal");
        assertThatThrownBy(() -> new MySqlConnectorConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("signal.data.collection");
    }
}
