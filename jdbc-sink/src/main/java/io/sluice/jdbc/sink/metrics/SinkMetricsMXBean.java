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

    /**
     * Rows written through the dialect's bulk load (PostgreSQL: COPY), see {@code bulk.load.enabled}.
     * While a failed flush is searched for a record at fault, a group loaded and then rolled back counts too.
     */
    long getRowsBulkLoaded();

    /**
     * Of {@link #getRowsBulkLoaded()}, the rows that went straight into their table (PostgreSQL: new rows copied
     * into the target itself rather than through a staging table).
     */
    long getRowsBulkLoadedDirectly();

    long getRetries();

    long getRecordsSentToDeadLetterQueue();
}
