package io.sluice.cdc.mysql.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's whole configuration, parsed once. Each concern defines and reads its own options in its own
 * class; this one only assembles them.
 */
public final class MySqlConnectorConfig extends AbstractConfig {

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final CaptureConfig capture;
    private final ConnectionConfig connection;
    private final SnapshotConfig snapshot;
    private final StreamingConfig streaming;
    private final TypeConfig types;

    public MySqlConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props, false);
        this.capture = new CaptureConfig(this);
        this.connection = new ConnectionConfig(this, capture.topicPrefix());
        this.snapshot = new SnapshotConfig(this);
        this.streaming = new StreamingConfig(this);
        this.types = new TypeConfig(this);
    }

    /** A copy of the definition of every option. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        ConnectionConfig.define(def);
        CaptureConfig.define(def);
        SnapshotConfig.define(def);
        StreamingConfig.define(def);
        TypeConfig.define(def);
        return def;
    }

    public CaptureConfig capture() {
        return capture;
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public SnapshotConfig snapshot() {
        return snapshot;
    }

    public StreamingConfig streaming() {
        return streaming;
    }

    public TypeConfig types() {
        return types;
    }
}
