package io.sluice.cdc.postgres.metrics;

/** What the connector shows over JMX, under {@code io.sluice.cdc.postgres:type=connector-metrics,server=<topic.prefix>}. */
public interface ConnectorMetricsMXBean {

    boolean isConnected();

    long getMilliSecondsBehindSource();

    long getTotalNumberOfEventsSeen();

    long getNumberOfEventsFiltered();

    int getQueueRemainingCapacity();

    int getQueueTotalCapacity();

    String getLastReceivedLsn();

    String getLastFlushedLsn();

    boolean isSnapshotRunning();

    boolean isSnapshotCompleted();

    long getSnapshotRowsRead();

    long getSnapshotRowsEstimated();
}
