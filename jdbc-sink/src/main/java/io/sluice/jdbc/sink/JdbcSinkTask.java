package io.sluice.jdbc.sink;

import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.Dialects;
import io.sluice.jdbc.sink.metrics.SinkMetrics;
import io.sluice.jdbc.sink.record.RecordInterpreter;
import io.sluice.jdbc.sink.record.SinkChange;
import io.sluice.jdbc.sink.write.DatabaseConnections;
import io.sluice.jdbc.sink.write.JdbcWriter;
import io.sluice.schema.SluiceVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each record into a change (upsert, delete, truncate), hands it to the writer's per-table buffers,
 * and flushes them when full, old enough, or when the consumer has caught up (a delivery smaller than a full
 * poll). A flush is written in the background while the next records are read; {@code preCommit} waits for
 * it, and offsets are committed only for flushed records.
 */
public class JdbcSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);
    static final String CONSUMER_MAX_POLL_RECORDS = "consumer.override.max.poll.records";
    private static final int DEFAULT_MAX_POLL_RECORDS = 500;

    private DatabaseConnections connections;
    private RecordInterpreter interpreter;
    private JdbcWriter writer;
    private ErrantRecordReporter reporter;
    private SinkMetrics metrics;
    /** The consumer's {@code max.poll.records}: a delivery smaller than this means the consumer has caught up. */
    private int maxPollRecords;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        JdbcSinkConfig config = new JdbcSinkConfig(props);
        String connector = props.getOrDefault("name", "jdbc-sink");
        String task = props.getOrDefault(JdbcSinkConnector.TASK_ID, "0");
        DatabaseDialect dialect = Dialects.forUrl(config.dialectName(), config.connectionUrl());
        connections = new DatabaseConnections(config, dialect, "sluice-jdbc-sink-" + connector + "-" + task);
        if (config.dialectName().isEmpty()) {
            dialect = serverDialect(dialect);
        }
        reporter = errantRecordReporter();
        metrics = new SinkMetrics();
        metrics.register(connector, task);
        interpreter = new RecordInterpreter(config);
        maxPollRecords = maxPollRecords(props);
        writer = new JdbcWriter(config, connections, dialect, reporter, metrics);
        LOG.info("JDBC sink task {} of {} writes to a {} database (insert.mode={}, primary.key.mode={}, "
                        + "dead letter queue {})", task, connector, dialect.name(),
                config.insertMode().name().toLowerCase(), config.primaryKeyMode().name().toLowerCase(),
                reporter == null ? "not configured" : "configured");
    }

    /**
     * The connector's {@code consumer.override.max.poll.records}, else the consumer's default (500). A worker-wide
     * {@code consumer.max.poll.records} is not visible to the task: below 500 every delivery counts as caught up
     * (smaller flushes while catching up), above it a delivery of 500 or more counts as full (it waits for
     * {@code batch.size} or {@code flush.interval.ms}). Set the override to get both right.
     */
    static int maxPollRecords(Map<String, String> props) {
        String value = props.get(CONSUMER_MAX_POLL_RECORDS);
        if (value != null) {
            try {
                return Math.max(1, Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring {}={}: not a number", CONSUMER_MAX_POLL_RECORDS, value);
            }
        }
        return DEFAULT_MAX_POLL_RECORDS;
    }

    /** MySQL URLs may lead to MariaDB, and MySQL's upsert syntax depends on its version: ask the server. */
    private DatabaseDialect serverDialect(DatabaseDialect fromUrl) {
        try (Connection connection = connections.get()) {
            return Dialects.forServer(fromUrl, connection.getMetaData());
        } catch (SQLException e) {
            LOG.warn("Cannot ask the database its version ({}); using the {} dialect from the URL", e.getMessage(),
                    fromUrl.name());
            return fromUrl;
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        if (context == null) {
            return null;
        }
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        metrics.received(records.size());
        for (SinkRecord record : records) {
            SinkChange change;
            try {
                change = interpreter.interpret(record);
            } catch (DataException e) {
                change = null;
                rejectUnreadable(record, e);
            }
            writer.buffer(record, change);
            if (writer.shouldFlush()) {
                writer.startFlush();
            }
        }
        // A delivery smaller than a full poll means the consumer has read all there was: waiting for more would
        // only add latency, so write now. Full deliveries keep filling the buffer up to batch.size.
        if (records.size() < maxPollRecords || writer.shouldFlush()) {
            writer.startFlush();
        }
    }

    /** A record that cannot be read as a change goes to the dead letter queue, or fails the task. */
    private void rejectUnreadable(SinkRecord record, DataException e) {
        String message = "cannot apply the record at topic " + record.topic() + ", partition " + record.kafkaPartition()
                + ", offset " + record.kafkaOffset() + ": " + e.getMessage();
        if (reporter == null) {
            throw new ConnectException(message, e);
        }
        LOG.warn("{}; sending it to the dead letter queue", message);
        try {
            reporter.report(record, e).get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while sending a record to the dead letter queue", ie);
        } catch (ExecutionException ee) {
            throw new ConnectException("cannot send a record to the dead letter queue: " + ee.getCause(), ee.getCause());
        }
        metrics.deadLettered();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        writer.flush();
        Map<TopicPartition, Long> flushed = writer.flushedOffsets();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : currentOffsets.keySet()) {
            Long offset = flushed.get(partition);
            if (offset != null) {
                commit.put(partition, new OffsetAndMetadata(offset + 1));
            }
        }
        return commit;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (writer != null) {
            writer.forget(new HashSet<>(partitions));
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (connections != null) {
            connections.close();
        }
    }
}
