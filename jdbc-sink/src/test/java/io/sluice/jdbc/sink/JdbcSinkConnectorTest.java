package io.sluice.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class JdbcSinkConnectorTest {

    private static final Map<String, String> CONFIG = Map.of("name", "orders",
            "connection.url", "jdbc:postgresql://db/shop", "insert.mode", "upsert", "primary.key.mode", "record_key");

    @Test
    void everyTaskGetsTheConfigAndItsOwnId() {
        JdbcSinkConnector connector = new JdbcSinkConnector();
        connector.start(CONFIG);
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertThat(tasks).hasSize(3);
        assertThat(tasks).extracting(t -> t.get("task.id")).containsExactly("0", "1", "2");
        assertThat(tasks).allSatisfy(t -> assertThat(t).containsAllEntriesOf(CONFIG));
        assertThat(connector.taskClass()).isEqualTo(JdbcSinkTask.class);
    }

    @Test
    void anIncoherentConfigDoesNotStart() {
        assertThatThrownBy(() -> new JdbcSinkConnector().start(Map.of("connection.url", "jdbc:postgresql://db/shop",
                "insert.mode", "upsert"))).isInstanceOf(ConfigException.class).hasMessageContaining("insert.mode");
    }
}
