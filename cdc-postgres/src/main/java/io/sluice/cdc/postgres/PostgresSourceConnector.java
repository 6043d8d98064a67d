package io.sluice.cdc.postgres;

import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.server.ServerChecks;
import io.sluice.schema.SluiceVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Captures row changes of a PostgreSQL database through a logical replication slot and the pgoutput plugin,
 * after an optional consistent snapshot. One task: a slot has a single reader; the snapshot reads several tables
 * in parallel inside that task.
 */
public class PostgresSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new PostgresConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PostgresSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return PostgresConnectorConfig.configDef();
    }

    /** Checks each option, then, when they parse, the server itself; problems land on the option to change. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : config.configValues()) {
            values.put(value.name(), value);
        }
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        PostgresConnectorConfig parsed;
        try {
            parsed = new PostgresConnectorConfig(connectorConfigs);
        } catch (ConfigException e) {
            ConfigValue target = values.values().stream().filter(v -> e.getMessage() != null
                    && e.getMessage().contains(v.name())).findFirst().orElse(values.values().iterator().next());
            target.addErrorMessage(e.getMessage());
            return config;
        }
        ServerChecks.run(parsed, values);
        return config;
    }

    /** Offsets are written in the same Kafka transaction as the records, and resuming skips exactly past them. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** With transaction.boundary=connector, each database transaction becomes one Kafka transaction. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }
}
