package io.sluice.jdbc.source.config;

import io.sluice.jdbc.source.discovery.TableId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** A task's settings: the connector's plus the tables the connector gave this task. */
public class JdbcSourceTaskConfig extends JdbcSourceConfig {

    /** Set by the connector, not by users: the task's tables in {@link TableId#encodeAll} form. */
    public static final String TABLES_CONFIG = "tables";

    public static final ConfigDef TASK_CONFIG_DEF = define(new ConfigDef())
            .define(TABLES_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "Set by the connector for each task: the tables this task copies.");

    public JdbcSourceTaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    public List<TableId> tables() {
        return TableId.decodeAll(getString(TABLES_CONFIG));
    }
}
