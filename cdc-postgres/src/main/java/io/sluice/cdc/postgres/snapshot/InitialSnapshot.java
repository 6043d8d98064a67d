package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.ChangeRecords;
import io.sluice.cdc.postgres.EventQueue;
import io.sluice.cdc.postgres.SourceOffsets;
import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.config.TableFilter;
import io.sluice.cdc.postgres.metrics.CaptureMetrics;
import io.sluice.cdc.postgres.server.PostgresConnections;
import io.sluice.cdc.postgres.server.ReplicationSlot;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.Catalog;
import io.sluice.cdc.postgres.table.ColumnDefinition;
import io.sluice.cdc.postgres.table.TableDefinition;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every captured table as of the slot's consistent point, several tables at a time, then hands over the
 * record that marks the snapshot complete. Streaming then starts at the same point: no gap, no duplicate.
 *
 * <p>A snapshot resumed after a restart no longer has the exported snapshot (it died with its connection): the
 * remaining chunks are read in a fresh snapshot, and changes made since the consistent point are streamed
 * afterwards, so those rows may appear twice but never go missing.
 */
public final class InitialSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(InitialSnapshot.class);

    private final PostgresConnectorConfig config;
    private final PostgresConnections connections;
    private final EventQueue queue;
    private final ChangeRecords records;
    private final TableSchemaBuilder schemaBuilder;
    private final CaptureMetrics metrics;

    public InitialSnapshot(PostgresConnectorConfig config, PostgresConnections connections, EventQueue queue,
            ChangeRecords records, TableSchemaBuilder schemaBuilder, CaptureMetrics metrics) {
        this.config = config;
        this.connections = connections;
        this.queue = queue;
        this.records = records;
        this.schemaBuilder = schemaBuilder;
        this.metrics = metrics;
    }

    /**
     * @param snapshotLsn  the slot's consistent point
     * @param snapshotName the exported snapshot to read in, or null when resuming without it
     * @param progress     what a previous attempt completed (empty for a new snapshot)
     */
    public void run(long snapshotLsn, String snapshotName, SnapshotProgress progress)
            throws SQLException, InterruptedException {
        if (snapshotName != null && !snapshotName.matches("[0-9A-Fa-f-]+")) {
            throw new ConnectException("Unexpected exported snapshot name " + snapshotName);
        }
        List<TableId> tables = capturedTables(connections, config.capture().tableFilter()).stream()
                .filter(t -> !progress.isDone(t)).collect(Collectors.toList());
        LOG.info("Snapshot at LSN {} of {} table(s): {}", ReplicationSlot.format(snapshotLsn), tables.size(), tables);
        metrics.snapshotRunning = true;
        SnapshotSink sink = new SnapshotSink(queue, records, progress, snapshotLsn);
        int threads = Math.max(1, Math.min(config.snapshot().maxThreads(), tables.size()));
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "sluice-pg-snapshot-" + config.capture().topicPrefix() + "-"
                    + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long started = System.currentTimeMillis();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TableId table : tables) {
                futures.add(executor.submit(() -> {
                    readTable(table, snapshotLsn, snapshotName, progress, sink);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    }
                    if (cause instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    throw new ConnectException("Snapshot failed: " + cause.getMessage(), cause);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        sink.finish(SourceOffsets.stream(snapshotLsn, -1, 0, 0, 0));
        metrics.snapshotRunning = false;
        metrics.snapshotCompleted = true;
        long elapsed = Math.max(1, System.currentTimeMillis() - started);
        long rows = metrics.snapshotRowsRead.sum();
        LOG.info("Snapshot completed: {} rows in {} ms ({} rows/s)", rows, elapsed, rows * 1000 / elapsed);
    }

    private void readTable(TableId id, long snapshotLsn, String snapshotName, SnapshotProgress progress,
            SnapshotSink sink) throws SQLException, InterruptedException {
        try (Connection connection = connections.openSql()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                if (snapshotName != null) {
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshotName + "'");
                }
            }
            Catalog catalog = new Catalog(connection);
            TableDefinition definition = catalog.read(id).orElse(null);
            if (definition == null) {
                LOG.warn("Table {} was dropped before its snapshot; skipping it", id);
                sink.tableCompleted(id);
                connection.commit();
                return;
            }
            List<String> columns = definition.columns().stream().map(ColumnDefinition::name).collect(Collectors.toList());
            CapturedTable table = schemaBuilder.build(definition, columns);
            long estimated = catalog.estimatedRows(id);
            metrics.snapshotRowsEstimated += Math.max(0, estimated);
            new TableSnapshot(definition, table, progress, sink, records, metrics, snapshotLsn,
                    config.snapshot().fetchSize()).read(connection, estimated);
            connection.commit();
        }
    }

    /** The tables the filters select, in name order. */
    public static List<TableId> capturedTables(PostgresConnections connections, TableFilter filter) throws SQLException {
        try (Connection connection = connections.openSql()) {
            return new Catalog(connection).listTables().stream()
                    .filter(t -> filter.includesTable(t.schema(), t.table()))
                    .collect(Collectors.toList());
        }
    }
}
