package io.sluice.jdbc.sink;

import io.sluice.jdbc.sink.config.ConfigAliases;
import io.sluice.jdbc.sink.config.ConfigProblem;
import io.sluice.jdbc.sink.config.ConnectionCheck;
import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.schema.SluiceVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Writes records and CDC change events from Kafka topics into PostgreSQL, MySQL or MariaDB tables as
 * inserts, upserts, updates, deletes and truncates. Every task writes its own partitions with its own pool.
 */
public class JdbcSinkConnector extends SinkConnector {

    /** Set in each task's config so that its JMX metrics have a name. */
    static final String TASK_ID = "task.id";

    private Map<String, String> props;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new JdbcSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_ID, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.CONFIG_DEF;
    }

    /**
     * Checks each option, then how they combine, then connects: every problem lands on the option to change.
     * The connection is only tried when the options themselves are valid.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        if (hasErrors(values)) {
            return config;
        }
        List<ConfigProblem> problems = new ArrayList<>(ConfigAliases.conflicts(connectorConfigs));
        JdbcSinkConfig parsed = null;
        if (problems.isEmpty()) {
            parsed = JdbcSinkConfig.unchecked(connectorConfigs);
            problems.addAll(parsed.combinationProblems());
        }
        if (problems.isEmpty()) {
            problems.addAll(ConnectionCheck.check(parsed));
        }
        for (ConfigProblem problem : problems) {
            ConfigValue value = values.get(problem.option());
            if (value == null) {
                value = new ConfigValue(problem.option());
                config.configValues().add(value);
                values.put(problem.option(), value);
            }
            value.addErrorMessage(problem.message());
        }
        return config;
    }

    private static boolean hasErrors(Map<String, ConfigValue> values) {
        return values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty());
    }
}
