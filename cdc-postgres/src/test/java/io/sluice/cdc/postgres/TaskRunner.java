package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives {@link PostgresSourceTask} as a worker would, without Kafka: polls, acknowledges records
 * ({@code commitRecord}) and keeps the committed offsets in memory across task restarts.
 */
final class TaskRunner implements AutoCloseable {

    /** Offsets "committed to Kafka", shared by the successive tasks of one test. */
    final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    private final Map<String, String> config;
    private PostgresSourceTask task;
    private TransactionContext transactionContext;

    TaskRunner(Map<String, String> config) {
        this.config = config;
    }

    TaskRunner withTransactionContext(TransactionContext context) {
        this.transactionContext = context;
        return this;
    }

    TaskRunner start() {
        task = new PostgresSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public TransactionContext transactionContext() {
                return transactionContext;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return offsets.get(new HashMap<String, Object>(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                        for (Map<String, T> p : partitions) {
                            result.put(p, offset(p));
                        }
                        return result;
                    }
                };
            }
        });
        task.start(config);
        return this;
    }

    /** Polls until {@code count} records arrived (or fails after the timeout); does not acknowledge them. */
    List<SourceRecord> poll(int count) throws InterruptedException {
        return poll(count, Duration.ofSeconds(30));
    }

    List<SourceRecord> poll(int count, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        assertThat(records).as("records polled").hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    /** Polls until a record matches, returning everything polled. */
    List<SourceRecord> pollUntil(Predicate<SourceRecord> last) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
                if (batch.stream().anyMatch(last)) {
                    return records;
                }
            }
        }
        throw new AssertionError("No matching record within 60 s; got " + records.size() + " records");
    }

    /** Polls for a while and returns whatever came (used to assert that nothing more comes). */
    List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        return records;
    }

    /** Acknowledges the records and commits the offset of the last one, as the worker does after Kafka acks. */
    void commit(List<SourceRecord> records) throws InterruptedException {
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
            offsets.put(new HashMap<>(partition), offset);
        }
        task.commit();
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static Struct after(SourceRecord record) {
        return ((Struct) record.value()).getStruct("after");
    }

    static Struct before(SourceRecord record) {
        return ((Struct) record.value()).getStruct("before");
    }

    static String op(SourceRecord record) {
        return record.value() == null ? null : ((Struct) record.value()).getString("op");
    }

    static String snapshotMarker(SourceRecord record) {
        return ((Struct) record.value()).getStruct("source").getString("snapshot");
    }
}
