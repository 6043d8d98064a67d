package io.sluice.cdc.mysql.metrics;

/** What the binlog reader exposes over JMX, under {@code io.sluice.cdc.mysql:type=streaming,server=<topic.prefix>}. */
public interface StreamingMetricsMXBean {

    /** Whether the binlog connection is up. */
    boolean isConnected();

    /** The server's connection id of the binlog connection (as in SHOW PROCESSLIST), or 0. */
    long getBinlogConnectionId();

    /** The binlog file of the last event read. */
    String getBinlogFilename();

    /** The position of the last event read in its binlog file. */
    long getBinlogPosition();

    /** Seconds between the last event's timestamp on the server and the moment it was read. */
    long getSecondsBehindSource();

    /** Binlog events read since the task started. */
    long getEventsSeen();

    /** Rows of captured tables read from row events since the task started. */
    long getRowsCaptured();

    /** Rows of row events skipped because their table, GTID source or operation is not captured. */
    long getRowsFiltered();

    /** Records waiting in the queue between the reader and Kafka Connect. */
    int getQueueSize();

    /** Free places in that queue. */
    int getQueueRemainingCapacity();

    /** The tables an incremental snapshot still has to read, the one being read first (db.table, comma-separated). */
    String getIncrementalSnapshotTables();

    /** Rows incremental snapshots wrote (op 'r') since the task started. */
    long getIncrementalSnapshotRowsWritten();

    /** Rows incremental snapshots read but did not write because a streamed change of them came in their window. */
    long getIncrementalSnapshotRowsDropped();
}
