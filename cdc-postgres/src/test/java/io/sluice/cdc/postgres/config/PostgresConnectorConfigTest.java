package io.sluice.cdc.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.cdc.postgres.config.CaptureConfig.SkippableOperation;
import io.sluice.cdc.postgres.config.SnapshotConfig.SnapshotMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PostgresConnectorConfigTest {

    private static Map<String, String> minimal(String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "db");
        props.put("database.user", "u");
        props.put("database.password", "secret");
        props.put("database.dbname", "shop");
        props.put("topic.prefix", "shop");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        return props;
    }

    @Test
    void defaultsMatchDebezium() {
        PostgresConnectorConfig config = new PostgresConnectorConfig(minimal());
        assertThat(config.connection().port()).isEqualTo(5432);
        assertThat(config.replication().slotName()).isEqualTo("debezium");
        assertThat(config.replication().publicationName()).isEqualTo("dbz_publication");
        assertThat(config.replication().publicationAutocreateMode())
                .isEqualTo(ReplicationConfig.PublicationAutocreateMode.ALL_TABLES);
        assertThat(config.snapshot().mode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(config.capture().tombstonesOnDelete()).isTrue();
        assertThat(config.capture().skips(SkippableOperation.TRUNCATE)).isTrue();
        assertThat(config.capture().skips(SkippableOperation.CREATE)).isFalse();
        assertThat(config.heartbeat().enabled()).isFalse();
        assertThat(config.heartbeat().topic("shop")).isEqualTo("__debezium-heartbeat.shop");
    }

    @Test
    void everyOptionIsDocumentedAndPasswordsAreHidden() {
        ConfigDef def = PostgresConnectorConfig.configDef();
        assertThat(def.configKeys().values()).allSatisfy(key -> assertThat(key.documentation).isNotBlank());
        assertThat(def.configKeys().get("database.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys()).containsKeys("decimal.handling.mode", "time.precision.mode",
                "binary.handling.mode", "snapshot.max.threads", "heartbeat.action.query", "message.key.columns");
        PostgresConnectorConfig config = new PostgresConnectorConfig(minimal());
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void invalidValuesAreRejectedOnTheirOption() {
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("snapshot.mode", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot.mode");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("slot.name", "Bad-Slot")))
                .hasMessageContaining("slot.name");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("skipped.operations", "x")))
                .hasMessageContaining("skipped.operations");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("table.include.list", "a.b",
                "table.exclude.list", "a.c"))).hasMessageContaining("table.exclude.list");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("max.batch.size", "100", "max.queue.size", "50")))
                .hasMessageContaining("max.queue.size");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("topic.prefix", "has space")))
                .hasMessageContaining("topic.prefix");
        assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("message.key.columns", "nocolon")))
                .hasMessageContaining("message.key.columns");
    }

    @Test
    void aSpoolDirectoryUnderAFileIsRejected() throws Exception {
        Path file = Files.createTempFile("sluice-not-a-dir", ".txt");
        try {
            assertThatThrownBy(() -> new PostgresConnectorConfig(minimal("pgoutput.streaming.spool.dir",
                    file.resolve("spool").toString())))
                    .hasMessageContaining("pgoutput.streaming.spool.dir").hasMessageContaining("can write");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void largeTransactionsAreStreamedByDefaultAndDriverOptionsPassThrough() {
        PostgresConnectorConfig config = new PostgresConnectorConfig(minimal("driver.options",
                "-c logical_decoding_work_mem=256MB", "pgoutput.streaming.spool.dir", "/tmp/sluice-spool/new"));
        assertThat(config.replication().streaming()).isTrue();
        assertThat(config.replication().streamingSpoolDir()).hasToString("/tmp/sluice-spool/new");
        assertThat(config.connection().replicationProperties("app").getProperty("options"))
                .isEqualTo("-c logical_decoding_work_mem=256MB");
        assertThat(new PostgresConnectorConfig(minimal()).replication().streamingSpoolDir())
                .hasToString(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void filtersMatchWholeNamesAndKeyColumnsByTable() {
        PostgresConnectorConfig config = new PostgresConnectorConfig(minimal(
                "table.include.list", "public\\.orders,inventory\\..*",
                "column.exclude.list", "public\\.orders\\.secret",
                "message.key.columns", "public.orders:a,b;inventory\\..*:sku"));
        TableFilter filter = config.capture().tableFilter();
        assertThat(filter.includesTable("public", "orders")).isTrue();
        assertThat(filter.includesTable("public", "orders_old")).isFalse();
        assertThat(filter.includesTable("inventory", "items")).isTrue();
        assertThat(filter.includesTable("pg_catalog", "pg_class")).isFalse();
        assertThat(filter.includesColumn("public", "orders", "secret")).isFalse();
        assertThat(filter.includesColumn("public", "orders", "total")).isTrue();
        assertThat(config.capture().messageKeyColumns().columnsFor("public", "orders")).contains(List.of("a", "b"));
        assertThat(config.capture().messageKeyColumns().columnsFor("inventory", "x")).contains(List.of("sku"));
        assertThat(config.capture().messageKeyColumns().columnsFor("public", "other")).isEmpty();
    }
}
