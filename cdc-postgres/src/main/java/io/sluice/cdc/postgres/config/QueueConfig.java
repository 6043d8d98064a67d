package io.sluice.cdc.postgres.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The bounded queue between the threads that read the database and the worker's poll(). */
public final class QueueConfig {

    public static final String GROUP = "Queue";
    public static final String MAX_BATCH_SIZE = "max.batch.size";
    public static final String MAX_QUEUE_SIZE = "max.queue.size";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(MAX_BATCH_SIZE, Type.INT, 2048, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most records handed to the worker by one poll().", GROUP, ++order, ConfigDef.Width.SHORT,
                        "Max batch size")
                .define(MAX_QUEUE_SIZE, Type.INT, 8192, ConfigDef.Range.atLeast(2), Importance.LOW,
                        "Most records waiting between the database readers and the worker; readers wait when it is full. "
                                + "Must be larger than max.batch.size.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Max queue size")
                .define(POLL_INTERVAL_MS, Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Longest time poll() waits for the first record before returning nothing.", GROUP, ++order,
                        ConfigDef.Width.SHORT, "Poll interval");
    }

    private final int maxBatchSize;
    private final int maxQueueSize;
    private final int pollIntervalMs;

    QueueConfig(AbstractConfig config) {
        this.maxBatchSize = config.getInt(MAX_BATCH_SIZE);
        this.maxQueueSize = config.getInt(MAX_QUEUE_SIZE);
        this.pollIntervalMs = config.getInt(POLL_INTERVAL_MS);
        if (maxQueueSize <= maxBatchSize) {
            throw new ConfigException(MAX_QUEUE_SIZE, maxQueueSize, "Must be larger than " + MAX_BATCH_SIZE + " (" + maxBatchSize + ")");
        }
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
}
