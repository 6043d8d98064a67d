package io.sluice.cdc.mysql.metrics;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counters of the binlog reader, written by its thread and read over JMX. */
public final class StreamingMetrics implements StreamingMetricsMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingMetrics.class);

    private volatile boolean connected;
    private volatile long connectionId;
    private volatile String binlogFilename = "";
    private volatile long binlogPosition;
    private volatile long lastEventTimestampMs;
    private volatile long lastEventReadMs;
    private volatile long eventsSeen;
    private volatile long rowsCaptured;
    private volatile long rowsFiltered;
    private volatile String incrementalSnapshotTables = "";
    private volatile long incrementalRowsWritten;
    private volatile long incrementalRowsDropped;
    private final IntSupplier queueSize;
    private final IntSupplier queueRemaining;
    private ObjectName name;

    public StreamingMetrics(IntSupplier queueSize, IntSupplier queueRemaining) {
        this.queueSize = queueSize;
        this.queueRemaining = queueRemaining;
    }

    /** A sink for tests and tools that need no JMX. */
    public static StreamingMetrics detached() {
        return new StreamingMetrics(() -> 0, () -> 0);
    }

    /** Registers the bean; a second connector with the same prefix in one JVM keeps the first registration. */
    public void register(String topicPrefix) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName candidate = new ObjectName("io.sluice.cdc.mysql:type=streaming,server="
                    + ObjectName.quote(topicPrefix));
            if (!server.isRegistered(candidate)) {
                server.registerMBean(this, candidate);
                name = candidate;
            } else {
                LOG.warn("JMX metrics {} are already registered; this task's metrics are not exposed", candidate);
            }
        } catch (JMException e) {
            LOG.warn("Cannot register the JMX metrics of {}", topicPrefix, e);
        }
    }

    public void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.warn("Cannot unregister the JMX metrics {}", name, e);
            }
            name = null;
        }
    }

    public void onEvent(String file, long position, long timestampMs) {
        binlogFilename = file == null ? "" : file;
        binlogPosition = position;
        if (timestampMs > 0) {
            lastEventTimestampMs = timestampMs;
            lastEventReadMs = System.currentTimeMillis();
        }
        eventsSeen++;
    }

    public void incrementalSnapshotTables(String tables) {
        incrementalSnapshotTables = tables;
    }

    /** A closed chunk: rows written, and rows dropped because the stream changed them in the chunk's window. */
    public void onIncrementalChunk(long written, long dropped) {
        incrementalRowsWritten += written;
        incrementalRowsDropped += dropped;
    }

    @Override
    public String getIncrementalSnapshotTables() {
        return incrementalSnapshotTables;
    }

    @Override
    public long getIncrementalSnapshotRowsWritten() {
        return incrementalRowsWritten;
    }

    @Override
    public long getIncrementalSnapshotRowsDropped() {
        return incrementalRowsDropped;
    }

    public void onRows(long rows) {
        rowsCaptured += rows;
    }

    public void onRowsFiltered(long rows) {
        rowsFiltered += rows;
    }

    @Override
    public long getRowsFiltered() {
        return rowsFiltered;
    }

    public void connected(boolean value) {
        connected = value;
    }

    public void connectionId(long id) {
        connectionId = id;
    }

    @Override
    public long getBinlogConnectionId() {
        return connectionId;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String getBinlogFilename() {
        return binlogFilename;
    }

    @Override
    public long getBinlogPosition() {
        return binlogPosition;
    }

    @Override
    public long getSecondsBehindSource() {
        long eventTs = lastEventTimestampMs;
        return eventTs == 0 ? 0 : Math.max(0, (lastEventReadMs - eventTs) / 1000);
    }

    @Override
    public long getEventsSeen() {
        return eventsSeen;
    }

    @Override
    public long getRowsCaptured() {
        return rowsCaptured;
    }

    @Override
    public int getQueueSize() {
        return queueSize.getAsInt();
    }

    @Override
    public int getQueueRemainingCapacity() {
        return queueRemaining.getAsInt();
    }
}
