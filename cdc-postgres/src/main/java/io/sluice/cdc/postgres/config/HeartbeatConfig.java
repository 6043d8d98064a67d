package io.sluice.cdc.postgres.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Heartbeats keep the offset and the slot moving while the captured tables are idle. */
public final class HeartbeatConfig {

    public static final String GROUP = "Heartbeat";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String HEARTBEAT_ACTION_QUERY = "heartbeat.action.query";
    public static final String HEARTBEAT_TOPICS_PREFIX = "heartbeat.topics.prefix";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(HEARTBEAT_INTERVAL_MS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        "Interval between heartbeat records, in milliseconds; 0 disables them. A heartbeat carries the "
                                + "latest server position, so the offset and the slot advance even when no captured table "
                                + "changes.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Heartbeat interval")
                .define(HEARTBEAT_ACTION_QUERY, Type.STRING, null, Importance.LOW,
                        "SQL statement run on the database at every heartbeat, for example an update of a small table in "
                                + "the publication, so that a database with no writes at all still moves its WAL.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Heartbeat action query")
                .define(HEARTBEAT_TOPICS_PREFIX, Type.STRING, "__debezium-heartbeat", new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Heartbeats go to <heartbeat.topics.prefix>.<topic.prefix>.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Heartbeat topic prefix");
    }

    private final int intervalMs;
    private final String actionQuery;
    private final String topicsPrefix;

    HeartbeatConfig(AbstractConfig config) {
        this.intervalMs = config.getInt(HEARTBEAT_INTERVAL_MS);
        String query = config.getString(HEARTBEAT_ACTION_QUERY);
        this.actionQuery = query == null || query.isBlank() ? null : query;
        this.topicsPrefix = config.getString(HEARTBEAT_TOPICS_PREFIX);
    }

    public int intervalMs() {
        return intervalMs;
    }

    public boolean enabled() {
        return intervalMs > 0;
    }

    /** The statement to run at each heartbeat, or null. */
    public String actionQuery() {
        return actionQuery;
    }

    public String topic(String topicPrefix) {
        return topicsPrefix + "." + topicPrefix;
    }
}
