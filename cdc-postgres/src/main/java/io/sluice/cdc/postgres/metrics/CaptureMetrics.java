package io.sluice.cdc.postgres.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counters the readers update and the JMX bean reads. Plain volatile fields: one writer each. */
public final class CaptureMetrics {

    public final LongAdder eventsSeen = new LongAdder();
    public final LongAdder eventsFiltered = new LongAdder();
    public final LongAdder snapshotRowsRead = new LongAdder();
    public volatile long lastReceivedLsn;
    public volatile long lastFlushedLsn;
    public volatile long lastCommitTimeMillis;
    public volatile boolean connected;
    public volatile boolean snapshotRunning;
    public volatile boolean snapshotCompleted;
    public volatile long snapshotRowsEstimated;
    public volatile String snapshotCurrentTables = "";
}
