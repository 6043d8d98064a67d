package io.sluice.cdc.postgres.stream;

import io.sluice.cdc.postgres.ChangeRecords;
import io.sluice.cdc.postgres.EventQueue;
import io.sluice.cdc.postgres.FlushTracker;
import io.sluice.cdc.postgres.SourceOffsets;
import io.sluice.cdc.postgres.TrackedRecord;
import io.sluice.cdc.postgres.config.CaptureConfig;
import io.sluice.cdc.postgres.config.CaptureConfig.SkippableOperation;
import io.sluice.cdc.postgres.config.HeartbeatConfig;
import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.config.ReplicationConfig;
import io.sluice.cdc.postgres.metrics.CaptureMetrics;
import io.sluice.cdc.postgres.server.PostgresConnections;
import io.sluice.cdc.postgres.server.ReplicationSlot;
import io.sluice.cdc.postgres.stream.pgoutput.PgOutputDecoder;
import io.sluice.cdc.postgres.stream.pgoutput.PgOutputMessage;
import io.sluice.cdc.postgres.stream.pgoutput.StreamedTransactions;
import io.sluice.cdc.postgres.stream.pgoutput.TupleData;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.Catalog;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.TransactionSchemas;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the slot through pgoutput and turns its messages into records on the {@link EventQueue}. Runs on its own
 * thread; it is the only user of the replication connection, so it also reports the flushed LSN that
 * {@link FlushTracker} allows.
 */
public final class ChangeStream {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);
    private static final long IDLE_SLEEP_MS = 10;
    /** Right after data arrived more is likely on its way: wait only briefly so as not to throttle the stream. */
    private static final long BUSY_SLEEP_NANOS = 200_000;
    private static final long BUSY_WINDOW_MS = 100;
    private static final long MIN_FORCED_STATUS_INTERVAL_MS = 1000;

    private final PostgresConnectorConfig config;
    private final PostgresConnections connections;
    private final EventQueue queue;
    private final FlushTracker flushTracker;
    private final ChangeRecords records;
    private final TableSchemaBuilder schemaBuilder;
    private final CaptureMetrics metrics;
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private volatile boolean running = true;

    /** Records at or before this position were already delivered; null once past it. */
    private SourceOffsets.Position resume;
    /** The incremental snapshot progress of the stored offset, continued when streaming starts. */
    private final String storedIncrementalProgress;

    // The transaction being read.
    private boolean inTransaction;
    private long txCommitLsn;
    private long txId;
    private long txCommitMicros;
    private long changeIndex;
    private Map<String, Long> eventsPerTable;
    private long totalOrder;
    private long currentLsn;
    private TrackedRecord pending;
    private StreamedTables tables;
    private IncrementalSnapshot incremental;
    /** Large transactions the server streams before their commit (protocol 2). */
    private StreamedTransactions streamed;

    // Position of the last record put on the queue, for resuming after a reconnect.
    private long lastEmittedCommitLsn;
    private long lastEmittedChange;
    private int lastEmittedPart;

    public ChangeStream(PostgresConnectorConfig config, PostgresConnections connections, EventQueue queue,
            FlushTracker flushTracker, ChangeRecords records, TableSchemaBuilder schemaBuilder, CaptureMetrics metrics,
            SourceOffsets.Position resume) {
        this.config = config;
        this.connections = connections;
        this.queue = queue;
        this.flushTracker = flushTracker;
        this.records = records;
        this.schemaBuilder = schemaBuilder;
        this.metrics = metrics;
        this.resume = resume;
        this.storedIncrementalProgress = resume == null ? null : resume.incrementalProgress();
        if (resume != null && !resume.snapshotInProgress()) {
            lastEmittedCommitLsn = resume.lsnCommit();
            lastEmittedChange = resume.change();
            lastEmittedPart = resume.part();
        }
    }

    public void stop() {
        running = false;
    }

    /** Streams until {@link #stop()}; reconnects after a lost connection a few times before giving up. */
    public void run() throws InterruptedException, SQLException {
        int attempt = 0;
        while (running) {
            try {
                streamOnce();
                return;
            } catch (SQLException e) {
                metrics.connected = false;
                if (!running) {
                    return;
                }
                String state = e.getSQLState();
                boolean connectionLost = state != null && state.startsWith("08");
                if (!connectionLost || ++attempt > 6) {
                    throw explain(e);
                }
                long backoffMs = Math.min(30_000, 1000L << attempt);
                LOG.warn("Lost the replication connection ({}); reconnecting in {} ms (attempt {} of 6)",
                        e.getMessage(), backoffMs, attempt);
                Thread.sleep(backoffMs);
                // Skip what was already queued: the slot resends everything after its confirmed position.
                resume = new SourceOffsets.Position(false, 0, null, lastEmittedCommitLsn, lastEmittedChange,
                        lastEmittedPart);
                if (pending != null) {
                    queue.put(pending); // already counted in lastEmitted: hand it over, it will be skipped on resend
                    pending = null;
                }
                inTransaction = false;
            }
        }
    }

    private ConnectException explain(SQLException e) {
        ReplicationConfig replication = config.replication();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("replication slot") && message.contains("does not exist")) {
            return new ConnectException("The replication slot " + replication.slotName() + " was dropped while the "
                    + "connector was streaming, so changes since its last confirmed position are lost. Restart the "
                    + "connector with snapshot.mode=when_needed (or delete its offsets) to take a new snapshot.", e);
        }
        if (message.contains("publication") && message.contains("does not exist")) {
            return new ConnectException("The publication " + replication.publicationName() + " does not exist (it was "
                    + "dropped?). Re-create it and restart the task. The server decodes each change with the catalog of "
                    + "its time, so changes written while the publication was missing keep failing: then drop slot "
                    + replication.slotName() + " and restart with snapshot.mode=when_needed for a new snapshot.", e);
        }
        return new ConnectException("Streaming from slot " + replication.slotName() + " failed: " + message, e);
    }

    private void streamOnce() throws SQLException, InterruptedException {
        ReplicationConfig replication = config.replication();
        HeartbeatConfig heartbeat = config.heartbeat();
        try (Connection sql = connections.openSql(); Connection replicationConnection = connections.openReplication()) {
            Catalog catalog = new Catalog(sql);
            tables = new StreamedTables(catalog, config.capture().tableFilter(), schemaBuilder);
            String signal = config.snapshot().signalDataCollection();
            // After a reconnect the progress of the records already queued; at start the stored offset's.
            String incrementalProgress = incremental != null ? incremental.progress() : storedIncrementalProgress;
            incremental = signal == null ? null : new IncrementalSnapshot(
                    new TableId(signal.substring(0, signal.indexOf('.')), signal.substring(signal.indexOf('.') + 1)),
                    config.snapshot().incrementalChunkSize(), sql, catalog, config.capture().tableFilter(), schemaBuilder);
            if (incremental != null) {
                incremental.restore(incrementalProgress);
            }
            // Protocol 2 streams large transactions while they run; a server before 14 knows only protocol 1.
            boolean streaming = replication.streaming()
                    && replicationConnection.getMetaData().getDatabaseMajorVersion() >= 14;
            int protocol = streaming ? 2 : 1;
            streamed = new StreamedTransactions(replication.streamingSpoolDir(), replication.slotName());
            ChainedLogicalStreamBuilder builder = replicationConnection.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(replication.slotName())
                    .withStartPosition(LogSequenceNumber.valueOf(flushTracker.flushableLsn()))
                    .withSlotOption("proto_version", protocol)
                    .withSlotOption("publication_names", "\"" + replication.publicationName() + "\"")
                    .withStatusInterval(replication.statusUpdateIntervalMs(), TimeUnit.MILLISECONDS);
            if (streaming) {
                builder.withSlotOption("streaming", "on");
            }
            PGReplicationStream stream = builder.start();
            metrics.connected = true;
            LOG.info("Streaming changes from slot {} (publication {}) from LSN {} with pgoutput protocol {}",
                    replication.slotName(), replication.publicationName(),
                    ReplicationSlot.format(flushTracker.flushableLsn()), protocol);
            long reportedFlush = flushTracker.flushableLsn();
            long lastForcedStatus = System.currentTimeMillis();
            long nextHeartbeat = heartbeat.enabled() ? System.currentTimeMillis() + heartbeat.intervalMs() : Long.MAX_VALUE;
            long lastData = 0;
            while (running) {
                ByteBuffer buffer = stream.readPending();
                if (buffer != null) {
                    lastData = System.currentTimeMillis();
                    currentLsn = stream.getLastReceiveLSN().asLong();
                    metrics.lastReceivedLsn = currentLsn;
                    if (streamed.inBlock() && !PgOutputDecoder.isStreamStop(buffer)) {
                        streamed.append(buffer, currentLsn);
                    } else {
                        handle(decoder.decode(buffer), tables);
                    }
                } else {
                    long received = stream.getLastReceiveLSN().asLong();
                    metrics.lastReceivedLsn = received;
                    if (!inTransaction) {
                        flushTracker.reached(received);
                    }
                }
                long now = System.currentTimeMillis();
                if (now >= nextHeartbeat) {
                    nextHeartbeat = now + heartbeat.intervalMs();
                    if (!inTransaction) {
                        emitHeartbeat(stream.getLastReceiveLSN().asLong());
                    }
                    runActionQuery(sql, heartbeat.actionQuery());
                }
                long flushable = flushTracker.flushableLsn();
                if (flushable > reportedFlush) {
                    LogSequenceNumber lsn = LogSequenceNumber.valueOf(flushable);
                    stream.setFlushedLSN(lsn);
                    stream.setAppliedLSN(lsn);
                    metrics.lastFlushedLsn = flushable;
                    if (now - lastForcedStatus >= MIN_FORCED_STATUS_INTERVAL_MS) {
                        stream.forceUpdateStatus();
                        lastForcedStatus = now;
                        reportedFlush = flushable;
                    }
                }
                if (buffer == null) {
                    if (now - lastData < BUSY_WINDOW_MS) {
                        LockSupport.parkNanos(BUSY_SLEEP_NANOS);
                        if (Thread.interrupted()) {
                            throw new InterruptedException("Streaming interrupted");
                        }
                    } else {
                        Thread.sleep(IDLE_SLEEP_MS);
                    }
                }
            }
            long flushable = flushTracker.flushableLsn();
            if (flushable > 0 && !replicationConnection.isClosed()) {
                stream.setFlushedLSN(LogSequenceNumber.valueOf(flushable));
                stream.setAppliedLSN(LogSequenceNumber.valueOf(flushable));
                stream.forceUpdateStatus();
            }
            stream.close();
        } finally {
            metrics.connected = false;
            if (streamed != null) {
                streamed.close(); // the server streams unfinished transactions again on the next connection
            }
        }
    }

    private void runActionQuery(Connection sql, String query) {
        if (query == null) {
            return;
        }
        try (Statement st = sql.createStatement()) {
            st.execute(query);
        } catch (SQLException e) {
            LOG.warn("heartbeat.action.query failed: {}", e.getMessage(), e);
        }
    }

    private void emitHeartbeat(long lsn) throws InterruptedException {
        TrackedRecord heartbeat = records.heartbeat(flushTracker.register(),
                SourceOffsets.stream(lsn, -1, 0, 0, 0, incrementalProgress()));
        heartbeat.markTransactionEnd();
        queue.put(heartbeat);
        flushTracker.reached(lsn);
    }

    private void releasePending() throws InterruptedException {
        if (pending != null) {
            pending.markTransactionEnd();
            queue.put(pending);
            pending = null;
        }
    }

    private void handle(PgOutputMessage message, StreamedTables tables) throws SQLException, InterruptedException {
        if (message instanceof PgOutputMessage.Begin begin) {
            onBegin(begin);
        } else if (message instanceof PgOutputMessage.Commit commit) {
            onCommit(commit);
        } else if (message instanceof PgOutputMessage.Relation relation) {
            tables.onRelation(relation);
        } else if (message instanceof PgOutputMessage.Insert insert) {
            changeIndex++;
            Optional<CapturedTable> table = tables.table(insert.relationId());
            if (incremental != null) {
                table.ifPresent(t -> incremental.onChange(t.id(), t, insert.newTuple()));
            }
            if (captured(table, SkippableOperation.CREATE)) {
                CapturedTable t = table.get();
                emitChange(t, Operation.CREATE, null, insert.newTuple(), t.key(insert.newTuple()), 0);
            }
            // A signal the stored offset already covers is in the restored progress: acting on it again after a
            // restart would start its snapshot over.
            if (incremental != null && incremental.isSignalTable(tables.tableId(insert.relationId()))
                    && !skipped(changeIndex, 0)) {
                IncrementalSnapshot.Chunk chunk = incremental.onSignal(insert.newTuple());
                if (chunk != null) {
                    emitChunk(chunk);
                }
            }
        } else if (message instanceof PgOutputMessage.Update update) {
            changeIndex++;
            Optional<CapturedTable> table = tables.table(update.relationId());
            if (incremental != null) {
                table.ifPresent(t -> {
                    incremental.onChange(t.id(), t, update.oldTuple());
                    incremental.onChange(t.id(), t, update.newTuple());
                });
            }
            if (captured(table, SkippableOperation.UPDATE)) {
                onUpdate(table.get(), update);
            }
        } else if (message instanceof PgOutputMessage.Delete delete) {
            changeIndex++;
            Optional<CapturedTable> table = tables.table(delete.relationId());
            if (incremental != null) {
                table.ifPresent(t -> incremental.onChange(t.id(), t, delete.oldTuple()));
            }
            if (captured(table, SkippableOperation.DELETE)) {
                CapturedTable t = table.get();
                Struct key = t.key(delete.oldTuple());
                emitChange(t, Operation.DELETE, delete.oldTuple(), null, key, 0);
                emitTombstone(t, key, 1);
            }
        } else if (message instanceof PgOutputMessage.Truncate truncate) {
            changeIndex++;
            int part = 0;
            for (int relationId : truncate.relationIds()) {
                Optional<CapturedTable> table = tables.table(relationId);
                if (captured(table, SkippableOperation.TRUNCATE)) {
                    emitChange(table.get(), Operation.TRUNCATE, null, null, null, part++);
                }
            }
        } else if (message instanceof PgOutputMessage.StreamStart start) {
            streamed.start(start);
        } else if (message instanceof PgOutputMessage.StreamStop) {
            streamed.stop();
        } else if (message instanceof PgOutputMessage.StreamCommit commit) {
            onStreamCommit(commit);
        } else if (message instanceof PgOutputMessage.StreamAbort abort) {
            streamed.abort(abort.xid(), abort.subXid());
        } else if (message instanceof PgOutputMessage.Origin || message instanceof PgOutputMessage.TypeInfo
                || message instanceof PgOutputMessage.LogicalMessage) {
            return;
        }
    }

    private boolean captured(Optional<CapturedTable> table, SkippableOperation operation) {
        metrics.eventsSeen.increment();
        if (table.isEmpty() || config.capture().skips(operation)) {
            metrics.eventsFiltered.increment();
            return false;
        }
        return true;
    }

    private void onUpdate(CapturedTable table, PgOutputMessage.Update update) throws InterruptedException {
        TupleData after = update.newTuple();
        TupleData before = update.oldTuple();
        if (before != null && !update.oldIsKeyOnly()) {
            after = after.withUnchangedFrom(before);
        }
        Struct newKey = table.key(after);
        if (before != null && table.hasKey() && table.keyChanged(before, after)) {
            // A primary-key change is a delete of the old key and a create of the new one, as Debezium emits it.
            Struct oldKey = table.key(before);
            emitChange(table, Operation.DELETE, before, null, oldKey, 0);
            emitTombstone(table, oldKey, 1);
            emitChange(table, Operation.CREATE, null, after, newKey, 2);
        } else {
            emitChange(table, Operation.UPDATE, before, after, newKey, 0);
        }
    }

    private void onBegin(PgOutputMessage.Begin begin) throws InterruptedException {
        inTransaction = true;
        txCommitLsn = begin.finalLsn();
        txId = Integer.toUnsignedLong(begin.xid());
        txCommitMicros = begin.commitTimeMicros() + ChangeRecords.PG_EPOCH_MICROS;
        changeIndex = 0;
        totalOrder = 0;
        if (resume != null && txCommitLsn > resume.lsnCommit()) {
            resume = null;
        }
        eventsPerTable = null;
    }

    private void onCommit(PgOutputMessage.Commit commit) throws InterruptedException, SQLException {
        if (eventsPerTable != null) {
            // END only for transactions that produced a BEGIN, i.e. touched a captured table.
            String id = ChangeRecords.transactionId(txId, txCommitLsn);
            long change = changeIndex + 1;
            Map<String, Long> counts = eventsPerTable;
            emit(sequence -> records.transactionRecord(sequence, id,
                    TransactionSchemas.end(id, txCommitMicros / 1000, counts), offset(change, 0)), change, 0);
        }
        releasePending();
        metrics.lastCommitTimeMillis = txCommitMicros / 1000;
        inTransaction = false;
        flushTracker.reached(commit.endLsn());
        if (incremental != null) {
            incremental.maybeReadChunk(tables);
        }
    }

    /** A streamed transaction committed: its spooled changes become one ordinary transaction. */
    private void onStreamCommit(PgOutputMessage.StreamCommit commit) throws InterruptedException, SQLException {
        onBegin(new PgOutputMessage.Begin(commit.commitLsn(), commit.commitTimeMicros(), commit.xid()));
        streamed.commit(commit.xid(), (message, lsn) -> {
            currentLsn = lsn;
            handle(decoder.decode(message), tables);
        });
        onCommit(new PgOutputMessage.Commit(commit.flags(), commit.commitLsn(), commit.endLsn(),
                commit.commitTimeMicros()));
    }

    private void emitChange(CapturedTable table, Operation op, TupleData before, TupleData after, Struct key, int part)
            throws InterruptedException {
        // Transaction bookkeeping also counts records skipped on resume, so orders and counts stay right.
        Struct transaction = null;
        if (config.capture().provideTransactionMetadata()) {
            if (eventsPerTable == null) {
                emitBegin();
            }
            long perTable = eventsPerTable.merge(table.id().qualified(), 1L, Long::sum);
            transaction = TransactionSchemas.block(ChangeRecords.transactionId(txId, txCommitLsn), ++totalOrder, perTable);
        }
        if (skipped(changeIndex, part)) {
            return;
        }
        Struct source = records.source(table, txCommitMicros, SnapshotMarker.FALSE, txId, currentLsn, null);
        Struct envelope = records.envelope(table, op, before == null ? null : table.oldRow(before),
                after == null ? null : table.row(after), source, transaction);
        long change = changeIndex;
        emit(sequence -> records.changeRecord(sequence, table, key, envelope, offset(change, part)), change, part);
    }

    /** Rows of an incremental snapshot chunk, emitted at the close watermark's place in the stream. */
    private void emitChunk(IncrementalSnapshot.Chunk chunk) throws InterruptedException {
        CapturedTable table = chunk.table();
        int part = 0;
        for (TupleData row : chunk.rows()) {
            int rowPart = ++part;
            if (skipped(changeIndex, rowPart)) {
                continue;
            }
            Struct source = records.source(table, txCommitMicros, SnapshotMarker.INCREMENTAL, txId, currentLsn, null);
            Struct envelope = records.envelope(table, Operation.READ, null, table.row(row), source, null);
            Struct key = table.key(row);
            long change = changeIndex;
            Map<String, Object> offset = SourceOffsets.stream(txCommitLsn, change, rowPart, txId, txCommitMicros,
                    chunk.progressBefore());
            emit(sequence -> records.changeRecord(sequence, table, key, envelope, offset), change, rowPart);
        }
    }

    private void emitBegin() throws InterruptedException {
        eventsPerTable = new LinkedHashMap<>();
        String id = ChangeRecords.transactionId(txId, txCommitLsn);
        emit(sequence -> records.transactionRecord(sequence, id,
                TransactionSchemas.begin(id, txCommitMicros / 1000), offset(0, 0)), 0, 0);
    }

    private void emitTombstone(CapturedTable table, Struct key, int part) throws InterruptedException {
        CaptureConfig capture = config.capture();
        if (!capture.tombstonesOnDelete() || key == null || skipped(changeIndex, part)) {
            return;
        }
        long change = changeIndex;
        emit(sequence -> records.tombstone(sequence, table, key, offset(change, part)), change, part);
    }

    private boolean skipped(long change, int part) {
        return resume != null && resume.covers(txCommitLsn, change, part);
    }

    private interface RecordFactory {
        TrackedRecord make(long sequence);
    }

    private void emit(RecordFactory factory, long change, int part) throws InterruptedException {
        if (skipped(change, part)) {
            return;
        }
        TrackedRecord record = factory.make(flushTracker.register());
        // The latest record is held back until the next one or the commit, so the last record of each
        // transaction can be marked as such before anyone sees it.
        if (pending != null) {
            queue.put(pending);
        }
        pending = record;
        lastEmittedCommitLsn = txCommitLsn;
        lastEmittedChange = change;
        lastEmittedPart = part;
    }

    private Map<String, Object> offset(long change, int part) {
        return SourceOffsets.stream(txCommitLsn, change, part, txId, txCommitMicros, incrementalProgress());
    }

    private String incrementalProgress() {
        return incremental == null ? null : incremental.progress();
    }
}
