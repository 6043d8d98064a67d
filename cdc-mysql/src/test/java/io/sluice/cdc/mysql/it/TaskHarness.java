package io.sluice.cdc.mysql.it;

import io.sluice.cdc.mysql.MySqlSourceTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs the task as a worker would, without Kafka: offsets of the records taken are "committed" into an in-memory
 * store that the next task started by this harness reads.
 */
final class TaskHarness implements AutoCloseable {

    private final Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
    private final java.util.ArrayDeque<SourceRecord> buffered = new java.util.ArrayDeque<>();
    private final Map<String, String> config;
    private MySqlSourceTask task;

    TaskHarness(Map<String, String> config) {
        this.config = config;
    }

    /** A config for the test server with the given prefix, database and a distinct server id. */
    static Map<String, String> config(String prefix, String database, long serverId) {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", TestDatabase.HOST);
        config.put("database.port", Integer.toString(TestDatabase.PORT));
        config.put("database.user", TestDatabase.USER);
        config.put("database.password", TestDatabase.PASSWORD);
        config.put("database.server.id", Long.toString(serverId));
        config.put("topic.prefix", prefix);
        config.put("database.include.list", database);
        config.put("poll.interval.ms", "100");
        return config;
    }

    TaskHarness start() {
        task = new MySqlSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return (Map<String, Object>) committed.get(partition);
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                        for (Map<String, T> partition : partitions) {
                            result.put(partition, (Map<String, Object>) committed.get(partition));
                        }
                        return result;
                    }
                };
            }
        });
        task.start(config);
        return this;
    }

    /** Polls until {@code count} records matching the filter came, committing each record it hands out. */
    List<SourceRecord> take(int count, Predicate<SourceRecord> filter) throws InterruptedException {
        List<SourceRecord> taken = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (taken.size() < count) {
            SourceRecord record = next(deadline);
            if (record == null) {
                throw new AssertionError("Got only " + taken.size() + " of " + count + " records: " + taken);
            }
            if (filter.test(record)) {
                taken.add(record);
            }
        }
        return taken;
    }

    /** Every record up to and including the first that matches {@code last}. */
    List<SourceRecord> takeUntil(Predicate<SourceRecord> last) throws InterruptedException {
        List<SourceRecord> taken = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            SourceRecord record = next(deadline);
            if (record == null) {
                throw new AssertionError("The expected record did not come; got " + taken.size() + " records");
            }
            taken.add(record);
            if (last.test(record)) {
                return taken;
            }
        }
    }

    /** The next record (committing its offset), or null at the deadline. */
    private SourceRecord next(long deadline) throws InterruptedException {
        while (true) {
            while (buffered.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    buffered.addAll(batch);
                }
            }
            SourceRecord record = buffered.poll();
            commit(record);
            if (!isSnapshotStart(record)) {
                return record;
            }
        }
    }

    /**
     * The heartbeat a new snapshot writes first, with its start position as offset: committed like any record,
     * but not handed to tests, which look at the events.
     */
    static boolean isSnapshotStart(SourceRecord record) {
        return record.topic().startsWith("__debezium-heartbeat") && Boolean.TRUE.equals(record.sourceOffset().get("snapshot"));
    }

    /** Polls for a while without committing anything, as a worker that has not flushed offsets yet. */
    List<SourceRecord> pollUncommitted(Duration wait) throws InterruptedException {
        List<SourceRecord> polled = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                polled.addAll(batch);
            }
        }
        return polled;
    }

    /** Takes {@code count} records of one topic. */
    List<SourceRecord> take(int count, String topic) throws InterruptedException {
        return take(count, r -> r.topic().equals(topic));
    }

    /** Polls for a while and returns what came, committing it. */
    List<SourceRecord> drain(Duration wait) throws InterruptedException {
        List<SourceRecord> taken = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            while (!buffered.isEmpty()) {
                SourceRecord record = buffered.poll();
                commit(record);
                if (!isSnapshotStart(record)) {
                    taken.add(record);
                }
            }
            if (System.nanoTime() >= deadline) {
                return taken;
            }
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                buffered.addAll(batch);
            }
        }
    }

    void commit(SourceRecord record) {
        committed.put(record.sourcePartition(), record.sourceOffset());
    }

    /** Stores an offset as if a previous run had committed it. */
    void seedOffset(Map<String, ?> partition, Map<String, ?> offset) {
        committed.put(partition, offset);
    }

    Map<Map<String, ?>, Map<String, ?>> committed() {
        return committed;
    }

    /** Stops the task like a worker would: records polled but not handed out are lost, their offsets not committed. */
    void stop() {
        buffered.clear();
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
