package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.ChangeRecords;
import io.sluice.cdc.postgres.metrics.CaptureMetrics;
import io.sluice.cdc.postgres.stream.pgoutput.TupleData;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.ColumnDefinition;
import io.sluice.cdc.postgres.table.TableDefinition;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one table inside the snapshot's transaction, in primary-key order; each row's key goes into the snapshot
 * progress its record's offset carries, so that a restart continues right after the last committed row. Values are
 * read as text ({@code getString}), the same form pgoutput sends, so both paths share the converters.
 */
final class TableSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(TableSnapshot.class);
    private static final long LOG_INTERVAL_MS = 10_000;

    private final TableDefinition definition;
    private final CapturedTable table;
    private final SnapshotProgress progress;
    private final SnapshotSink sink;
    private final ChangeRecords records;
    private final CaptureMetrics metrics;
    private final long snapshotLsn;
    private final int fetchSize;

    TableSnapshot(TableDefinition definition, CapturedTable table, SnapshotProgress progress, SnapshotSink sink,
            ChangeRecords records, CaptureMetrics metrics, long snapshotLsn, int fetchSize) {
        this.definition = definition;
        this.table = table;
        this.progress = progress;
        this.sink = sink;
        this.records = records;
        this.metrics = metrics;
        this.snapshotLsn = snapshotLsn;
        this.fetchSize = fetchSize;
    }

    /** Reads the table on {@code connection}, which is already inside the snapshot transaction. */
    void read(Connection connection, long estimatedRows) throws SQLException, InterruptedException {
        TableId id = definition.id();
        List<String> primaryKey = definition.primaryKey();
        List<String> resumeAfter = primaryKey.isEmpty() ? null : progress.lastKey(id);
        int[] keyIndexes = new int[primaryKey.size()];
        for (int k = 0; k < keyIndexes.length; k++) {
            keyIndexes[k] = table.columnNames().indexOf(primaryKey.get(k));
        }
        String sql = selectStatement(resumeAfter != null);
        long started = System.currentTimeMillis();
        long nextLog = started + LOG_INTERVAL_MS;
        long rows = 0;
        int columns = table.columnNames().size();
        LOG.info("Snapshot of {} started ({} rows estimated{})", id, estimatedRows,
                resumeAfter == null ? "" : ", resuming after key " + resumeAfter);
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setFetchSize(fetchSize);
            if (resumeAfter != null) {
                for (int k = 0; k < resumeAfter.size(); k++) {
                    st.setString(k + 1, resumeAfter.get(k));
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                // One source block serves every row: it only differs in its snapshot marker (the sink swaps in a
                // copy for the first and last record).
                Struct source = records.source(table, System.currentTimeMillis() * 1000L, SnapshotMarker.TRUE, null,
                        snapshotLsn, null);
                while (rs.next()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("Snapshot of " + id + " interrupted");
                    }
                    byte[] kinds = new byte[columns];
                    String[] values = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        String value = rs.getString(i + 1);
                        values[i] = value;
                        kinds[i] = value == null ? TupleData.NULL : TupleData.TEXT;
                    }
                    TupleData tuple = new TupleData(kinds, values);
                    Struct envelope = records.envelope(table, Operation.READ, null, table.row(tuple), source, null);
                    sink.put(id, rowKey(keyIndexes, values), table, table.key(tuple), envelope);
                    rows++;
                    metrics.snapshotRowsRead.increment();
                    if (rows % 1024 == 0 && System.currentTimeMillis() >= nextLog) {
                        nextLog = System.currentTimeMillis() + LOG_INTERVAL_MS;
                        logProgress(id, rows, estimatedRows, started);
                    }
                }
            }
        }
        sink.tableCompleted(id);
        logProgress(id, rows, estimatedRows, started);
        LOG.info("Snapshot of {} completed", id);
    }

    /** The row's primary-key values as text, or null for a table without a primary key. */
    private static List<String> rowKey(int[] keyIndexes, String[] values) {
        if (keyIndexes.length == 0) {
            return null;
        }
        if (keyIndexes.length == 1) {
            return List.of(values[keyIndexes[0]]);
        }
        List<String> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            key.add(values[index]);
        }
        return key;
    }

    private static void logProgress(TableId id, long rows, long estimated, long started) {
        long elapsed = Math.max(1, System.currentTimeMillis() - started);
        LOG.info("Snapshot of {}: {} rows of ~{} read, {} rows/s", id, rows, Math.max(estimated, 0),
                rows * 1000 / elapsed);
    }

    String selectStatement(boolean resume) {
        String columns = table.columnNames().stream().map(TableId::quote).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(definition.id().quoted());
        List<String> primaryKey = definition.primaryKey();
        if (resume) {
            sql.append(" WHERE (").append(primaryKey.stream().map(TableId::quote).collect(Collectors.joining(", ")))
                    .append(") > (");
            for (int k = 0; k < primaryKey.size(); k++) {
                ColumnDefinition column = definition.column(primaryKey.get(k));
                sql.append(k == 0 ? "" : ", ").append("CAST(? AS ").append(column.sqlType()).append(')');
            }
            sql.append(')');
        }
        if (!primaryKey.isEmpty()) {
            sql.append(" ORDER BY ").append(primaryKey.stream().map(TableId::quote).collect(Collectors.joining(", ")));
        }
        return sql.toString();
    }
}
