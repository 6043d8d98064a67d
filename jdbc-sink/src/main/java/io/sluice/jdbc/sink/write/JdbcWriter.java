package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.config.InsertMode;
import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.jdbc.sink.config.PrimaryKeyMode;
import io.sluice.jdbc.sink.dialect.BulkLoad;
import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.Rollback;
import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.metrics.SinkMetrics;
import io.sluice.jdbc.sink.record.RowLayout;
import io.sluice.jdbc.sink.record.SinkChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers changes per table and writes them: one transaction per flush, JDBC batches per table and kind
 * (truncate, deletes, writes), transient errors retried on a fresh connection, and records at fault found by
 * splitting the flush (savepoints) and sent to the dead letter queue, or named in the task's failure.
 *
 * <p>A flush is written by a background thread while the task thread reads the next records: in profiles the
 * task thread spends most of its time in the worker's converter, so overlapping the database round trips with
 * it raises the rate. At most one flush is in the air; the next one waits for it, so flushes commit in order.
 * Everything that must not run beside a write (table checks and DDL, finding the records at fault and sending
 * them to the dead letter queue, offsets) happens on the task thread once the write has ended.
 */
public final class JdbcWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWriter.class);

    /**
     * From this many rows of one table a flush uses the dialect's bulk load, if it has one and
     * {@code bulk.load.enabled} is set. Below it the batch statement is as fast, and the groups of a failed flush
     * being searched for the record at fault are small enough to get the statement's own error for each row.
     */
    private static final int BULK_LOAD_MIN_ROWS = 64;

    private final SqlRetry retry;
    private final DatabaseDialect dialect;
    private final InsertMode insertMode;
    private final boolean bulkLoadEnabled;
    private final boolean keyed;
    private final ZoneId zone;
    private final int batchSize;
    private final long flushIntervalMs;
    private final ErrantRecordReporter reporter;
    private final SinkMetrics metrics;
    private final Identifiers identifiers;
    private final TableCatalog catalog;
    private final ExecutorService background;

    private final Map<TableName, Map<RowLayout, StatementBinder>> binders = new HashMap<>();
    private final Map<TopicPartition, Long> flushedOffsets = new HashMap<>();
    private final Set<SinkChange> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Future<Void>> reports = new ArrayList<>();
    /** The records being buffered, and the flush being written in the background (null when none). */
    private Batch open = new Batch();
    private Batch writing;
    private Future<Boolean> written;

    /** One flush: the buffered changes per table and the offsets they cover. */
    private static final class Batch {
        final Map<TableName, TableBuffer> buffers = new LinkedHashMap<>();
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        int records;
        long firstBufferedAt;
        long writeNanos;

        boolean anyChange() {
            return buffers.values().stream().anyMatch(b -> !b.isEmpty());
        }
    }

    public JdbcWriter(JdbcSinkConfig config, DatabaseConnections connections, DatabaseDialect dialect,
                      ErrantRecordReporter reporter, SinkMetrics metrics) {
        this.retry = new SqlRetry(connections, dialect, config.maxRetries(), config.retryBackoffMs(), metrics);
        this.dialect = dialect;
        this.insertMode = config.insertMode();
        this.bulkLoadEnabled = config.bulkLoadEnabled();
        this.keyed = config.primaryKeyMode() == PrimaryKeyMode.RECORD_KEY
                || config.primaryKeyMode() == PrimaryKeyMode.RECORD_VALUE;
        this.zone = config.timeZone();
        this.batchSize = config.batchSize();
        this.flushIntervalMs = config.flushIntervalMs();
        this.reporter = reporter;
        this.metrics = metrics;
        this.identifiers = new Identifiers(dialect, config.quoteIdentifiers());
        this.catalog = new TableCatalog(dialect, identifiers, config.schemaEvolution());
        this.background = backgroundThread(Thread.currentThread().getContextClassLoader());
    }

    private static ExecutorService backgroundThread(ClassLoader pluginLoader) {
        String name = "sluice-jdbc-sink-writer-" + Thread.currentThread().getName();
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(pluginLoader);
            return thread;
        });
    }

    /**
     * Buffers what {@code record} asks for ({@code change}, null when nothing) and counts the record as
     * consumed, so that its offset is committed with the next flush.
     */
    public void buffer(SinkRecord record, SinkChange change) {
        if (change != null) {
            TableName table = identifiers.table(change.table());
            TableBuffer buffer = open.buffers.get(table);
            if (buffer != null && !buffer.accepts(change)) {
                startFlush();
                buffer = null;
            }
            RowLayout layout = change.layout();
            if (layout != null && !catalog.isChecked(table, layout)) {
                // A new row layout may change the table: write what is buffered under the old one first.
                // Key-only layouts (deletes) never change a table.
                if (!layout.keyOnly() && buffer != null && !buffer.isEmpty()) {
                    startFlush();
                    buffer = null;
                }
                awaitWrite(); // no DDL beside a write, and the catalog is the task thread's again
                retry.run("checking table " + table, c -> catalog.ensure(c, table, layout));
            }
            if (buffer == null) {
                buffer = open.buffers.computeIfAbsent(table, t -> new TableBuffer(t, keyed));
            }
            buffer.add(change);
        }
        if (open.records++ == 0) {
            open.firstBufferedAt = System.currentTimeMillis();
        }
        open.offsets.merge(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset(), Math::max);
    }

    /** Whether {@code batch.size} records are buffered, or the oldest has waited {@code flush.interval.ms}. */
    public boolean shouldFlush() {
        return open.records >= batchSize
                || (open.records > 0 && System.currentTimeMillis() - open.firstBufferedAt >= flushIntervalMs);
    }

    /**
     * Hands everything buffered to the background thread, once the flush before it has ended (its failure is
     * thrown here), and returns: the task reads on while it is written.
     */
    public void startFlush() {
        awaitWrite();
        if (open.records == 0) {
            return;
        }
        Batch batch = open;
        open = new Batch();
        writing = batch;
        written = background.submit(() -> writeInBackground(batch));
    }

    /** Writes everything buffered and waits for it; afterwards every buffered record counts as flushed. */
    public void flush() {
        startFlush();
        awaitWrite();
    }

    /**
     * Waits for the flush in the background. When records in it were at fault, it was rolled back and is written
     * again here, in smaller groups, to find them. A failure that stops the task is thrown here.
     */
    private void awaitWrite() {
        if (written == null) {
            return;
        }
        try {
            finishWrite();
        } catch (ConnectException e) {
            // The worker rewinds to the last committed offsets (or the task stops): what is buffered after the
            // failed flush comes again, so keeping it would buffer it twice.
            open = new Batch();
            throw e;
        }
    }

    private void finishWrite() {
        Batch batch = writing;
        boolean done;
        try {
            done = written.get();
        } catch (InterruptedException e) {
            // The write goes on; close() waits for it again.
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting for a flush to the database", e);
        } catch (ExecutionException e) {
            written = null;
            writing = null;
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException connect) {
                throw connect;
            }
            throw new ConnectException("writing " + batch.records + " records failed: " + cause, cause);
        }
        written = null;
        writing = null;
        if (!done) {
            long start = System.nanoTime();
            try {
                retry.run("writing " + batch.records + " records to " + batch.buffers.keySet(),
                        c -> writeFlush(c, batch, true));
            } finally {
                rejected.clear();
                reports.clear();
            }
            batch.writeNanos += System.nanoTime() - start;
        }
        metrics.flushed(batch.records, batch.writeNanos / 1_000_000);
        flushedOffsets.putAll(batch.offsets);
    }

    /** The background thread's part: true when written, false when records at fault need finding. */
    private boolean writeInBackground(Batch batch) {
        long start = System.nanoTime();
        try {
            if (!batch.anyChange()) {
                return true;
            }
            boolean[] done = new boolean[1];
            retry.run("writing " + batch.records + " records to " + batch.buffers.keySet(),
                    c -> done[0] = writeFlush(c, batch, false));
            return done[0];
        } finally {
            batch.writeNanos = System.nanoTime() - start;
        }
    }

    /** The highest offset of each partition whose records up to it are all flushed (the commit is one more). */
    public Map<TopicPartition, Long> flushedOffsets() {
        return flushedOffsets;
    }

    /** Forgets partitions the task no longer owns; their unflushed records will be delivered to the new owner. */
    public void forget(Set<TopicPartition> partitions) {
        awaitWrite();
        for (TopicPartition partition : partitions) {
            flushedOffsets.remove(partition);
        }
    }

    /** Lets a flush in the background end (its failure is logged: its offsets are not committed), then stops. */
    @Override
    public void close() {
        try {
            awaitWrite();
        } catch (RuntimeException e) {
            LOG.warn("The last flush failed while the task stopped; its records will be delivered again: {}",
                    e.getMessage());
        } finally {
            background.shutdownNow();
        }
    }

    /**
     * Writes the batch in one transaction. When a record is at fault: in the background ({@code isolate} false)
     * rolls back and returns false, for the task thread to find it; on the task thread writes again in
     * smaller groups under savepoints, reporting the records at fault.
     */
    private boolean writeFlush(Connection connection, Batch batch, boolean isolate) throws SQLException {
        FlushCounts counts = new FlushCounts();
        if (isolate) {
            writeAll(connection, batch, true, counts);
            awaitReports();
            commit(connection);
            counts.report(metrics);
            return true;
        }
        try {
            writeAll(connection, batch, false, counts);
            commit(connection);
        } catch (SQLException | BadRecordException e) {
            if (e instanceof SQLException sql && dialect.isTransient(sql)) {
                throw sql;
            }
            Rollback.all(connection, e);
            LOG.info("A flush of {} records failed ({}); writing it again in smaller groups to find the records at fault",
                    batch.records, describe(e));
            return false;
        }
        counts.report(metrics);
        return true;
    }

    /**
     * Commits. A connection lost during the commit leaves its outcome unknown: the server may have committed
     * before the session ended. Where the dialect can tell, the transaction is looked up on a fresh connection, and
     * a committed one is not written again (plain inserts would otherwise be doubled); otherwise the error goes to
     * the retry, which writes the flush again.
     */
    private void commit(Connection connection) throws SQLException {
        Long transaction = dialect.transactionId(connection);
        try {
            connection.commit();
        } catch (SQLException e) {
            if (transaction == null || !dialect.isTransient(e)) {
                throw e;
            }
            boolean[] committed = new boolean[1];
            retry.run("asking whether transaction " + transaction + " committed",
                    c -> committed[0] = dialect.committed(c, transaction));
            if (!committed[0]) {
                throw e;
            }
            LOG.warn("The acknowledgement of a commit was lost ({}), but transaction {} did commit: it is not written "
                    + "again", describe(e), transaction);
        }
    }

    private void writeAll(Connection connection, Batch batch, boolean isolate, FlushCounts counts) throws SQLException {
        for (TableBuffer buffer : batch.buffers.values()) {
            TableName table = buffer.table();
            if (buffer.truncate() && catalog.exists(connection, table)) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate(dialect.truncate(table));
                }
            }
            List<SinkChange> deletes = withoutRejected(buffer.deletes());
            if (!deletes.isEmpty() && catalog.exists(connection, table)) {
                StatementBinder binder = binder(table, buffer.keyLayout());
                int before = rejected.size();
                run(connection, table, deletes, isolate, chunk -> delete(connection, binder, chunk));
                counts.deleted(table, deletes.size() - (rejected.size() - before));
            }
            List<SinkChange> writes = withoutRejected(buffer.writes());
            if (!writes.isEmpty()) {
                StatementBinder binder = binder(table, buffer.rowLayout());
                // Without a key a row cannot be found again, so there it is written whole.
                List<SinkChange> partial = keyed ? partialRows(writes) : List.of();
                if (!partial.isEmpty()) {
                    writes.removeAll(partial);
                }
                if (binder.writeSql() != null && !writes.isEmpty()) {
                    int before = rejected.size();
                    run(connection, table, writes, isolate, chunk -> write(connection, binder, chunk, counts));
                    counts.written(table, writes.size() - (rejected.size() - before));
                }
                if (!partial.isEmpty()) {
                    int before = rejected.size();
                    run(connection, table, partial, isolate, chunk -> updatePartial(connection, binder, chunk));
                    counts.written(table, partial.size() - (rejected.size() - before));
                }
            }
        }
    }

    private interface ChunkWrite {
        void write(List<SinkChange> chunk) throws SQLException;
    }

    private void run(Connection connection, TableName table, List<SinkChange> changes, boolean isolate,
                     ChunkWrite work) throws SQLException {
        if (isolate) {
            isolate(connection, table, changes, work);
        } else {
            work.write(changes);
        }
    }

    /** Writes {@code changes} inside a savepoint; on failure splits them in halves until the culprits are alone. */
    private void isolate(Connection connection, TableName table, List<SinkChange> changes, ChunkWrite work)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            work.write(changes);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | BadRecordException e) {
            if (e instanceof SQLException sql && dialect.isTransient(sql)) {
                throw sql;
            }
            Rollback.toSavepoint(connection, savepoint, e);
            if (changes.size() == 1) {
                reject(changes.get(0), table, e);
                return;
            }
            int middle = changes.size() / 2;
            isolate(connection, table, changes.subList(0, middle), work);
            isolate(connection, table, changes.subList(middle, changes.size()), work);
        }
    }

    /** Sends a record at fault to the dead letter queue, or fails the task naming it. */
    private void reject(SinkChange change, TableName table, Exception cause) {
        boolean recordAtFault = cause instanceof BadRecordException
                || (cause instanceof SQLException sql && dialect.isRecordError(sql));
        String message = "cannot write the record at " + change.origin() + " to table " + table + ": " + describe(cause);
        if (recordAtFault && reporter != null) {
            LOG.warn("{}; sending it to the dead letter queue", message);
            reports.add(reporter.report(change.record(), new ConnectException(message, cause)));
            rejected.add(change);
            metrics.deadLettered();
            return;
        }
        throw new ConnectException(message + (recordAtFault ? "" : " (the database refused the statement itself; "
                + "check the table's definition)"), cause);
    }

    private void awaitReports() {
        for (Future<Void> report : reports) {
            try {
                report.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while sending records to the dead letter queue", e);
            } catch (ExecutionException e) {
                throw new ConnectException("cannot send a record to the dead letter queue: " + e.getCause(), e.getCause());
            }
        }
    }

    private void write(Connection connection, StatementBinder binder, List<SinkChange> changes, FlushCounts counts)
            throws SQLException {
        if (bulkLoadEnabled && changes.size() >= BULK_LOAD_MIN_ROWS && binder.bulkLoad() != null
                && bulkLoad(connection, binder, changes, counts)) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(binder.writeSql())) {
            for (SinkChange change : changes) {
                binder.bindRow(statement, change);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Writes the rows through the dialect's bulk load; false when a value needs the batch statement instead. */
    private boolean bulkLoad(Connection connection, StatementBinder binder, List<SinkChange> changes,
                             FlushCounts counts) throws SQLException {
        boolean newRows = insertMode == InsertMode.INSERT || allCreated(changes);
        BulkLoad.Outcome outcome = bulkLoad(connection, binder, changes, newRows);
        if (outcome == BulkLoad.Outcome.NOT_WRITTEN) {
            outcome = bulkLoad(connection, binder, changes, false);
        }
        if (outcome == null) {
            return false;
        }
        if (outcome == BulkLoad.Outcome.WRITTEN_DIRECTLY) {
            counts.bulkLoadedDirectly += changes.size();
        }
        counts.bulkLoaded += changes.size();
        return true;
    }

    /**
     * One load of the rows; null when there is no load for them or a value has no exact bulk form (the load is
     * then undone).
     */
    private static BulkLoad.Outcome bulkLoad(Connection connection, StatementBinder binder, List<SinkChange> changes,
                                             boolean newRows) throws SQLException {
        BulkLoad.Load load = binder.bulkLoad().open(connection, newRows);
        if (load == null) {
            return null;
        }
        try {
            for (SinkChange change : changes) {
                if (!binder.appendRow(load, change)) {
                    LOG.debug("A value in the record at {} has no exact bulk form; writing {} rows of {} with the batch "
                            + "statement", change.origin(), changes.size(), binder.table());
                    load.abandon();
                    return null;
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                load.abandon();
            } catch (SQLException abandonFailed) {
                e.addSuppressed(abandonFailed);
            }
            throw e;
        }
        return load.finish();
    }

    private static boolean allCreated(List<SinkChange> changes) {
        for (SinkChange change : changes) {
            if (!change.created()) {
                return false;
            }
        }
        return true;
    }

    /** Rows where the source could not read some values; they only update the values they have. */
    private static List<SinkChange> partialRows(List<SinkChange> writes) {
        List<SinkChange> partial = new ArrayList<>();
        for (SinkChange change : writes) {
            if (change.unavailable() != null) {
                partial.add(change);
            }
        }
        return partial;
    }

    private void updatePartial(Connection connection, StatementBinder binder, List<SinkChange> changes)
            throws SQLException {
        for (SinkChange change : changes) {
            String sql = binder.partialUpdateSql(change.unavailable());
            if (sql == null) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bindPartial(statement, change);
                statement.executeUpdate();
            }
        }
    }

    private void delete(Connection connection, StatementBinder binder, List<SinkChange> changes) throws SQLException {
        int chunk = binder.deleteChunk();
        for (int from = 0; from < changes.size(); from += chunk) {
            List<SinkChange> part = changes.subList(from, Math.min(changes.size(), from + chunk));
            try (PreparedStatement statement = connection.prepareStatement(binder.deleteSql(part.size()))) {
                binder.bindKeys(statement, part);
                statement.executeUpdate();
            }
        }
    }

    private StatementBinder binder(TableName table, RowLayout layout) {
        Map<RowLayout, StatementBinder> byLayout = binders.computeIfAbsent(table, t -> new IdentityHashMap<>());
        StatementBinder binder = byLayout.get(layout);
        if (binder == null) {
            if (byLayout.size() > 100) {
                byLayout.clear();
            }
            binder = new StatementBinder(dialect, table, layout, insertMode, zone, catalog);
            byLayout.put(layout, binder);
        }
        return binder;
    }

    private List<SinkChange> withoutRejected(List<SinkChange> changes) {
        if (rejected.isEmpty()) {
            return changes;
        }
        List<SinkChange> kept = new ArrayList<>(changes.size());
        for (SinkChange change : changes) {
            if (!rejected.contains(change)) {
                kept.add(change);
            }
        }
        return kept;
    }

    /**
     * The database's own message. For a failed batch that is the message of the statement that failed
     * inside it (PgJDBC's batch message repeats the whole batch with its values, which has no place in logs).
     */
    static String describe(Throwable e) {
        Throwable shown = e;
        if (e instanceof java.sql.BatchUpdateException batch) {
            if (batch.getNextException() != null) {
                shown = batch.getNextException();
            } else if (batch.getCause() != null) {
                shown = batch.getCause();
            }
        }
        StringBuilder text = new StringBuilder(String.valueOf(shown.getMessage()).trim());
        if (shown instanceof SQLException sql && sql.getSQLState() != null) {
            text.append(" [SQLState ").append(sql.getSQLState()).append(']');
        } else if (e instanceof SQLException sql && sql.getSQLState() != null) {
            text.append(" [SQLState ").append(sql.getSQLState()).append(']');
        }
        return text.toString();
    }

    /** Rows per table of one flush, reported to the metrics once the flush is committed. */
    private static final class FlushCounts {
        private final Map<TableName, long[]> rows = new LinkedHashMap<>();
        private long bulkLoaded;
        private long bulkLoadedDirectly;

        void written(TableName table, long n) {
            rows.computeIfAbsent(table, t -> new long[2])[0] += n;
        }

        void deleted(TableName table, long n) {
            rows.computeIfAbsent(table, t -> new long[2])[1] += n;
        }

        void report(SinkMetrics metrics) {
            rows.forEach((table, n) -> {
                if (n[0] > 0) {
                    metrics.written(table.toString(), n[0]);
                }
                if (n[1] > 0) {
                    metrics.deleted(table.toString(), n[1]);
                }
            });
            metrics.bulkLoaded(bulkLoaded, bulkLoadedDirectly);
        }
    }
}
