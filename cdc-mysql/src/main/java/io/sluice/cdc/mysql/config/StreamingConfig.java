package io.sluice.cdc.mysql.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How events flow from the binlog reader to Kafka Connect: batches, the queue between them, heartbeats. */
public final class StreamingConfig {

    public static final String GROUP = "Streaming";

    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_QUEUE_SIZE_CONFIG = "max.queue.size";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String HEARTBEAT_TOPICS_PREFIX_CONFIG = "topic.heartbeat.prefix";

    private final int maxBatchSize;
    private final int maxQueueSize;
    private final int pollIntervalMs;
    private final int heartbeatIntervalMs;
    private final String heartbeatTopicsPrefix;

    StreamingConfig(AbstractConfig config) {
        this.maxBatchSize = config.getInt(MAX_BATCH_SIZE_CONFIG);
        this.maxQueueSize = config.getInt(MAX_QUEUE_SIZE_CONFIG);
        this.pollIntervalMs = config.getInt(POLL_INTERVAL_MS_CONFIG);
        this.heartbeatIntervalMs = config.getInt(HEARTBEAT_INTERVAL_MS_CONFIG);
        this.heartbeatTopicsPrefix = config.getString(HEARTBEAT_TOPICS_PREFIX_CONFIG);
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(MAX_BATCH_SIZE_CONFIG, Type.INT, 2048, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most records handed to Kafka Connect by one poll.",
                        GROUP, ++order, Width.SHORT, "Batch size")
                .define(MAX_QUEUE_SIZE_CONFIG, Type.INT, 8192, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most records waiting between the binlog reader and Kafka Connect; the reader pauses when "
                                + "the queue is full. Should be larger than max.batch.size.",
                        GROUP, ++order, Width.SHORT, "Queue size")
                .define(POLL_INTERVAL_MS_CONFIG, Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How long a poll waits for the first record before returning nothing, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Poll interval")
                .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        "When above 0, how often (in milliseconds) the connector writes a heartbeat record to "
                                + "<topic.heartbeat.prefix>.<topic.prefix> while no change event is written, so that "
                                + "its stored binlog position keeps up when only uncaptured tables change (the "
                                + "position must stay within the binlogs the server keeps). The server is also "
                                + "asked for binlog heartbeats at this interval. 0 disables heartbeats.",
                        GROUP, ++order, Width.SHORT, "Heartbeat interval")
                .define(HEARTBEAT_TOPICS_PREFIX_CONFIG, Type.STRING, "__debezium-heartbeat", Importance.LOW,
                        "Prefix of the heartbeat topic.", GROUP, ++order, Width.MEDIUM, "Heartbeat topic prefix");
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public int maxQueueSize() {
        return maxQueueSize;
    }

    public int pollIntervalMs() {
        return pollIntervalMs;
    }

    public int heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public String heartbeatTopic(String topicPrefix) {
        return heartbeatTopicsPrefix + "." + topicPrefix;
    }
}
