package io.sluice.schema.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/** Heartbeat events as Debezium writes them to {@code __debezium-heartbeat.<prefix>}: key {serverName}, value {ts_ms}. */
public final class HeartbeatSchemas {

    public static final String SERVER_NAME = "serverName";
    public static final String TS_MS = "ts_ms";

    private static final Schema KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey")
            .version(1)
            .field(SERVER_NAME, Schema.STRING_SCHEMA)
            .build();

    private static final Schema VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .version(1)
            .field(TS_MS, Schema.INT64_SCHEMA)
            .build();

    private HeartbeatSchemas() {
    }

    public static Schema keySchema() {
        return KEY;
    }

    public static Schema valueSchema() {
        return VALUE;
    }

    /** The key of a heartbeat: the connector's topic prefix. */
    public static Struct key(String topicPrefix) {
        return new Struct(KEY).put(SERVER_NAME, topicPrefix);
    }

    /** The value of a heartbeat sent at {@code tsMs}. */
    public static Struct value(long tsMs) {
        return new Struct(VALUE).put(TS_MS, tsMs);
    }
}
