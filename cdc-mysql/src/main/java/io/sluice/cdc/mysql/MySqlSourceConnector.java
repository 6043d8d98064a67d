package io.sluice.cdc.mysql;

import io.sluice.cdc.mysql.config.CaptureConfig;
import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import io.sluice.cdc.mysql.server.MySqlServer;
import io.sluice.cdc.mysql.server.ServerChecks;
import io.sluice.schema.SluiceVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Captures row changes of a MySQL or MariaDB server from its binlog, after an optional consistent snapshot, as
 * Debezium-compatible change events. One task per connector: a server has one binlog.
 */
public class MySqlSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new MySqlConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MySqlSourceTask.class;
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
        return MySqlConnectorConfig.configDef();
    }

    /** Checks the options, then the server: credentials, binlog settings, grants and the server id. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        boolean valid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!valid) {
            return result;
        }
        MySqlConnectorConfig config = new MySqlConnectorConfig(connectorConfigs);
        if (!exclusiveListsOk(config, result)) {
            return result;
        }
        Map<String, List<String>> problems = ServerChecks.check(new MySqlServer(config.connection()),
                config.connection(), config.snapshot());
        for (ConfigValue value : result.configValues()) {
            List<String> messages = problems.get(value.name());
            if (messages != null) {
                messages.forEach(value::addErrorMessage);
            }
        }
        return result;
    }

    /** An include list and the matching exclude list cannot both be set: report it on the exclude list. */
    private static boolean exclusiveListsOk(MySqlConnectorConfig config, Config result) {
        boolean ok = true;
        for (String[] pair : new String[][] {
                {CaptureConfig.DATABASE_INCLUDE_LIST_CONFIG, CaptureConfig.DATABASE_EXCLUDE_LIST_CONFIG},
                {CaptureConfig.TABLE_INCLUDE_LIST_CONFIG, CaptureConfig.TABLE_EXCLUDE_LIST_CONFIG},
                {CaptureConfig.COLUMN_INCLUDE_LIST_CONFIG, CaptureConfig.COLUMN_EXCLUDE_LIST_CONFIG},
                {CaptureConfig.GTID_SOURCE_INCLUDES_CONFIG, CaptureConfig.GTID_SOURCE_EXCLUDES_CONFIG}}) {
            if (!config.getList(pair[0]).isEmpty() && !config.getList(pair[1]).isEmpty()) {
                ok = false;
                for (ConfigValue value : result.configValues()) {
                    if (value.name().equals(pair[1])) {
                        value.addErrorMessage("Set either " + pair[0] + " or " + pair[1] + ", not both");
                    }
                }
            }
        }
        return ok;
    }

    /** Offsets are written with the records, and a restart resumes exactly after the last one written. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Use transaction.boundary=poll (the default) or interval; binlog transactions are not Kafka transactions. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }
}
