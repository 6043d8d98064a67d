package io.sluice.jdbc.sink.metrics;

import java.util.Map;

/** What a JDBC sink task reports over JMX. */
public interface SinkMetricsMXBean {

    long getRecordsReceived();

    long getRowsWritten();

    long getRowsDeleted();

    Map<String, Long> getRowsWrittenPerTable();

    Map<String, Long> getRowsDeletedPerTable();

    long getFlushes();

    long getLastFlushRecords();

    long getMaxFlushRecords();

    long getLastFlushMillis();

    double getAverageFlushMillis();

    long getRetries();

    long getRecordsSentToDeadLetterQueue();
}
