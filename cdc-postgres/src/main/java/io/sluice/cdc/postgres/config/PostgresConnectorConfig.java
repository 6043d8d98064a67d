package io.sluice.cdc.postgres.config;

import io.sluice.schema.types.TypeOptions;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's whole configuration, parsed once. Each concern defines and reads its own options in its own
 * class; this one only assembles them.
 */
public final class PostgresConnectorConfig extends AbstractConfig {

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final ConnectionConfig connection;
    private final CaptureConfig capture;
    private final ReplicationConfig replication;
    private final SnapshotConfig snapshot;
    private final HeartbeatConfig heartbeat;
    private final QueueConfig queue;
    private final TypeOptions typeOptions;

    public PostgresConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props, false);
        this.connection = new ConnectionConfig(this);
        this.capture = new CaptureConfig(this);
        this.replication = new ReplicationConfig(this);
        this.snapshot = new SnapshotConfig(this);
        this.heartbeat = new HeartbeatConfig(this);
        this.queue = new QueueConfig(this);
        this.typeOptions = TypeOptions.from(this);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        ConnectionConfig.define(def);
        CaptureConfig.define(def);
        ReplicationConfig.define(def);
        SnapshotConfig.define(def);
        HeartbeatConfig.define(def);
        QueueConfig.define(def);
        TypeOptions.define(def, "Types");
        return def;
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public CaptureConfig capture() {
        return capture;
    }

    public ReplicationConfig replication() {
        return replication;
    }

    public SnapshotConfig snapshot() {
        return snapshot;
    }

    public HeartbeatConfig heartbeat() {
        return heartbeat;
    }

    public QueueConfig queue() {
        return queue;
    }

    public TypeOptions typeOptions() {
        return typeOptions;
    }
}
