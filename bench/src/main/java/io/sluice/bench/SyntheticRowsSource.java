package io.sluice.bench;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The jdbc-source benchmarks' ceiling: a source that emits the bench table's rows, with the schema jdbc-source gives
 * them, from memory. It reads no database, so its rate is what the worker itself (converter, producer, Connect's
 * per-record work) can move on this machine; jdbc-source cannot be faster than that. Built into its own plugin jar
 * (target/synthetic-plugin) that bench/run puts on the bench worker's plugin.path; not part of any Sluice plugin.
 */
public class SyntheticRowsSource extends SourceConnector {
    static final String TOPIC = "topic";
    static final String ROWS = "rows";
    static final String SCHEMA_NAME = "schema.name";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The topic the rows go to.")
            .define(ROWS, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(1), Importance.HIGH,
                    "How many rows to emit; the task then idles.")
            .define(SCHEMA_NAME, Type.STRING, "", Importance.LOW,
                    "The value schema's name (jdbc-source names it after the table).");

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        CONFIG.parse(props);
        settings = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SyntheticRowsTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(settings);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "bench";
    }
}
