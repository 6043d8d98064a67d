package io.sluice.jdbc.source;

import io.sluice.jdbc.source.config.ConfigRules;
import io.sluice.jdbc.source.config.JdbcSourceConfig;
import io.sluice.jdbc.source.config.JdbcSourceTaskConfig;
import io.sluice.jdbc.source.config.Mode;
import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.dialect.Dialects;
import io.sluice.jdbc.source.discovery.TableDiscovery;
import io.sluice.jdbc.source.discovery.TableFilter;
import io.sluice.jdbc.source.discovery.TableId;
import io.sluice.jdbc.source.discovery.TableMonitor;
import io.sluice.jdbc.source.discovery.TaskAssignment;
import io.sluice.schema.SluiceVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies tables (or one query's result) from a JDBC database by polling. Finds the tables, keeps looking for new
 * and dropped ones, and spreads them over the tasks; {@link JdbcSourceTask} does the reading.
 */
public class JdbcSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceConnector.class);

    private Map<String, String> props;
    private JdbcSourceConfig config;
    private TableMonitor monitor;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new JdbcSourceConfig(props);
        Map<String, String> errors = ConfigRules.check(config);
        if (!errors.isEmpty()) {
            throw new ConfigException("Invalid configuration: " + errors);
        }
        if (config.query() == null) {
            Dialect dialect = Dialects.choose(config.dialectName(), config.connectionUrl(),
                    config.quoteIdentifiers());
            TableDiscovery discovery = new TableDiscovery(ConnectionSettings.of(config, dialect),
                    config.catalogPattern(), config.schemaPattern(), config.tableTypes(),
                    new TableFilter(config.includedTables(), config.excludedTables()));
            monitor = new TableMonitor(discovery, context(), config.tablePollIntervalMs(),
                    config.connectionAttempts());
            monitor.start();
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.query() != null) {
            return List.of(props);
        }
        List<TableId> tables = monitor.tables();
        if (tables == null || tables.isEmpty()) {
            LOG.warn("No tables to copy {}; starting no tasks until some appear",
                    tables == null ? "yet (the database did not answer)" : "match the table settings");
            return List.of();
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<TableId> group : TaskAssignment.split(tables, maxTasks)) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(JdbcSourceTaskConfig.TABLES_CONFIG, TableId.encodeAll(group));
            configs.add(taskProps);
        }
        LOG.info("Copying {} tables with {} tasks", tables.size(), configs.size());
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.stop();
            monitor = null;
        }
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.CONFIG_DEF;
    }

    /** Checks each setting alone, then the rules between them, then the database itself. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        Map<String, ConfigValue> byName = result.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        JdbcSourceConfig parsed = new JdbcSourceConfig(connectorConfigs);
        Map<String, String> problems = ConfigRules.check(parsed);
        if (problems.isEmpty()) {
            problems = DatabaseCheck.check(parsed);
        }
        problems.forEach((name, message) -> byName.get(name).addErrorMessage(message));
        return result;
    }

    /**
     * Offsets name each row exactly in the incrementing and timestamp+incrementing modes, so a worker with
     * exactly-once source support writes each row once. Bulk repeats the table by design, and timestamp alone
     * may repeat the rows sharing the last timestamp after a restart.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        String mode = connectorConfig.getOrDefault(JdbcSourceConfig.MODE_CONFIG, "").trim().toLowerCase(Locale.ROOT);
        return mode.equals(Mode.INCREMENTING.value()) || mode.equals(Mode.TIMESTAMP_INCREMENTING.value())
                ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
    }
}
