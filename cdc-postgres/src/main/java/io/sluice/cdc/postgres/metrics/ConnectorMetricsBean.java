package io.sluice.cdc.postgres.metrics;

import io.sluice.cdc.postgres.EventQueue;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.postgresql.replication.LogSequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes {@link CaptureMetrics} and the queue's fill level as an MXBean. */
public final class ConnectorMetricsBean implements ConnectorMetricsMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorMetricsBean.class);

    private final CaptureMetrics metrics;
    private final EventQueue queue;
    private final ObjectName name;

    private ConnectorMetricsBean(CaptureMetrics metrics, EventQueue queue, ObjectName name) {
        this.metrics = metrics;
        this.queue = queue;
        this.name = name;
    }

    /** Registers the bean; a name clash (a task not yet stopped) is logged, not fatal. */
    public static ConnectorMetricsBean register(String topicPrefix, CaptureMetrics metrics, EventQueue queue) {
        ObjectName name;
        try {
            name = new ObjectName("io.sluice.cdc.postgres:type=connector-metrics,server=" + ObjectName.quote(topicPrefix));
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
        ConnectorMetricsBean bean = new ConnectorMetricsBean(metrics, queue, name);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
        } catch (JMException e) {
            LOG.warn("Could not register metrics bean {}: {}", name, e.getMessage(), e);
        }
        return bean;
    }

    public void unregister() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.warn("Could not unregister metrics bean {}: {}", name, e.getMessage(), e);
        }
    }

    @Override
    public boolean isConnected() {
        return metrics.connected;
    }

    @Override
    public long getMilliSecondsBehindSource() {
        long commit = metrics.lastCommitTimeMillis;
        return commit == 0 ? -1 : Math.max(0, System.currentTimeMillis() - commit);
    }

    @Override
    public long getTotalNumberOfEventsSeen() {
        return metrics.eventsSeen.sum();
    }

    @Override
    public long getNumberOfEventsFiltered() {
        return metrics.eventsFiltered.sum();
    }

    @Override
    public int getQueueRemainingCapacity() {
        return queue.remainingCapacity();
    }

    @Override
    public int getQueueTotalCapacity() {
        return queue.remainingCapacity() + queue.size();
    }

    @Override
    public String getLastReceivedLsn() {
        return LogSequenceNumber.valueOf(metrics.lastReceivedLsn).asString();
    }

    @Override
    public String getLastFlushedLsn() {
        return LogSequenceNumber.valueOf(metrics.lastFlushedLsn).asString();
    }

    @Override
    public boolean isSnapshotRunning() {
        return metrics.snapshotRunning;
    }

    @Override
    public boolean isSnapshotCompleted() {
        return metrics.snapshotCompleted;
    }

    @Override
    public long getSnapshotRowsRead() {
        return metrics.snapshotRowsRead.sum();
    }

    @Override
    public long getSnapshotRowsEstimated() {
        return metrics.snapshotRowsEstimated;
    }
}
