package io.sluice.jdbc.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * One {@link JdbcSourceTask} driven as a worker would: started with a config and an offset store, polled, and
 * every returned record's offset committed (as if Kafka had acknowledged it).
 */
final class TaskRun implements AutoCloseable {

    final JdbcSourceTask task = new JdbcSourceTask();
    private final OffsetStore offsets;

    TaskRun(Map<String, String> config, OffsetStore offsets) {
        this.offsets = offsets;
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return offsets;
            }
        });
        task.start(config);
    }

    /** A task with the config its connector gives it for {@code connectorConfig}, as tasks.max=1. */
    static TaskRun ofConnector(Map<String, String> connectorConfig, OffsetStore offsets) {
        return new TaskRun(ConnectorRun.singleTaskConfig(connectorConfig), offsets);
    }

    /** Polls until {@code count} records came (or the timeout passed) and returns what came. */
    List<SourceRecord> pollUntil(int count, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            records.addAll(pollOnce());
        }
        return records;
    }

    /** Polls for the whole duration and returns everything that came. */
    List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            records.addAll(pollOnce());
        }
        return records;
    }

    List<SourceRecord> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
            return List.of();
        }
        batch.forEach(offsets::commit);
        return batch;
    }

    static List<Object> column(List<SourceRecord> records, String field) {
        List<Object> values = new ArrayList<>();
        for (SourceRecord record : records) {
            values.add(((Struct) record.value()).get(field));
        }
        return values;
    }

    @Override
    public void close() {
        task.stop();
    }
}
