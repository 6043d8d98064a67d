package io.sluice.jdbc.sink.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one sink task, registered as {@code io.sluice.jdbc.sink:type=sink-task,connector=...,task=...}.
 * Updated by the task thread, read by JMX clients.
 */
public final class SinkMetrics implements SinkMetricsMXBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);

    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, LongAdder> writtenPerTable = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deletedPerTable = new ConcurrentHashMap<>();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder flushMillis = new LongAdder();
    private final AtomicLong lastFlushRecords = new AtomicLong();
    private final AtomicLong maxFlushRecords = new AtomicLong();
    private final AtomicLong lastFlushMillis = new AtomicLong();
    private final LongAdder bulkLoaded = new LongAdder();
    private final LongAdder bulkLoadedDirectly = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private ObjectName name;

    /** Registers the counters; a failure to register is logged, never fatal to the task. */
    public void register(String connector, String task) {
        try {
            ObjectName candidate = new ObjectName("io.sluice.jdbc.sink:type=sink-task,connector="
                    + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(candidate)) {
                server.unregisterMBean(candidate);
            }
            server.registerMBean(this, candidate);
            name = candidate;
        } catch (JMException e) {
            LOG.warn("Cannot register JMX metrics of connector {} task {}", connector, task, e);
        }
    }

    @Override
    public void close() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.warn("Cannot unregister JMX metrics {}", name, e);
            }
            name = null;
        }
    }

    public void received(int records) {
        received.add(records);
    }

    public void written(String table, long rows) {
        written.add(rows);
        writtenPerTable.computeIfAbsent(table, t -> new LongAdder()).add(rows);
    }

    public void deleted(String table, long rows) {
        deleted.add(rows);
        deletedPerTable.computeIfAbsent(table, t -> new LongAdder()).add(rows);
    }

    public void flushed(long records, long millis) {
        flushes.increment();
        flushMillis.add(millis);
        lastFlushRecords.set(records);
        lastFlushMillis.set(millis);
        maxFlushRecords.accumulateAndGet(records, Math::max);
    }

    /** Rows written through the bulk load, and how many of them went straight into their table. */
    public void bulkLoaded(long rows, long directly) {
        bulkLoaded.add(rows);
        bulkLoadedDirectly.add(directly);
    }

    public void retried() {
        retries.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    @Override
    public long getRecordsReceived() {
        return received.sum();
    }

    @Override
    public long getRowsWritten() {
        return written.sum();
    }

    @Override
    public long getRowsDeleted() {
        return deleted.sum();
    }

    @Override
    public Map<String, Long> getRowsWrittenPerTable() {
        return snapshot(writtenPerTable);
    }

    @Override
    public Map<String, Long> getRowsDeletedPerTable() {
        return snapshot(deletedPerTable);
    }

    @Override
    public long getFlushes() {
        return flushes.sum();
    }

    @Override
    public long getLastFlushRecords() {
        return lastFlushRecords.get();
    }

    @Override
    public long getMaxFlushRecords() {
        return maxFlushRecords.get();
    }

    @Override
    public long getLastFlushMillis() {
        return lastFlushMillis.get();
    }

    @Override
    public double getAverageFlushMillis() {
        long count = flushes.sum();
        return count == 0 ? 0 : (double) flushMillis.sum() / count;
    }

    @Override
    public long getRowsBulkLoaded() {
        return bulkLoaded.sum();
    }

    @Override
    public long getRowsBulkLoadedDirectly() {
        return bulkLoadedDirectly.sum();
    }

    @Override
    public long getRetries() {
        return retries.sum();
    }

    @Override
    public long getRecordsSentToDeadLetterQueue() {
        return deadLettered.sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
