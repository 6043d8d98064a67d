package io.sluice.cdc.postgres;

import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.config.SnapshotConfig.SnapshotMode;
import io.sluice.cdc.postgres.metrics.CaptureMetrics;
import io.sluice.cdc.postgres.server.PostgresConnections;
import io.sluice.cdc.postgres.server.Publication;
import io.sluice.cdc.postgres.server.ReplicationSlot;
import io.sluice.cdc.postgres.snapshot.InitialSnapshot;
import io.sluice.cdc.postgres.snapshot.SnapshotProgress;
import io.sluice.cdc.postgres.stream.ChangeStream;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides from the snapshot mode, the stored offset and the slot what to do (new snapshot, resumed snapshot or
 * streaming only), then does it on the capture thread: snapshot first, then the stream from the slot.
 */
final class Capture implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

    enum Plan {
        NEW_SNAPSHOT, RESUME_SNAPSHOT, STREAM
    }

    private final PostgresConnectorConfig config;
    private final PostgresConnections connections;
    private final EventQueue queue;
    private final ChangeRecords records;
    private final TableSchemaBuilder schemaBuilder;
    private final CaptureMetrics metrics;
    private final SourceOffsets.Position position;
    private volatile FlushTracker flushTracker;
    private volatile ChangeStream stream;
    private volatile boolean stopped;
    private Plan plan;
    private long slotConfirmedLsn;
    /** Whether the slot existed when a new snapshot was chosen: then it is kept and streamed from, not re-created. */
    private boolean snapshotKeepsSlot;

    Capture(PostgresConnectorConfig config, PostgresConnections connections, EventQueue queue, ChangeRecords records,
            TableSchemaBuilder schemaBuilder, CaptureMetrics metrics, SourceOffsets.Position position) {
        this.config = config;
        this.connections = connections;
        this.queue = queue;
        this.records = records;
        this.schemaBuilder = schemaBuilder;
        this.metrics = metrics;
        this.position = position;
    }

    FlushTracker flushTracker() {
        return flushTracker;
    }

    Plan plan() {
        return plan;
    }

    /** Sets up the publication and chooses the plan; fails fast on what the user must fix. */
    void prepare() throws SQLException {
        String slotName = config.replication().slotName();
        try (Connection sql = connections.openSql()) {
            List<TableId> published = new ArrayList<>(
                    InitialSnapshot.capturedTables(connections, config.capture().tableFilter()));
            String signal = config.snapshot().signalDataCollection();
            if (signal != null) {
                // the connector reads its own watermarks through the stream
                TableId signalTable = new TableId(signal.substring(0, signal.indexOf('.')),
                        signal.substring(signal.indexOf('.') + 1));
                if (!published.contains(signalTable)) {
                    published.add(signalTable);
                }
            }
            Publication.ensure(sql, config.replication().publicationName(),
                    config.replication().publicationAutocreateMode(), published);
            Optional<ReplicationSlot.SlotState> slot = waitUntilInactive(sql, slotName);
            slot.ifPresent(this::checkSlot);
            plan = choosePlan(config.snapshot().mode(), position, slot.isPresent());
            LOG.info("Snapshot mode {}, {} offset, slot {} {}: {}", config.snapshot().mode(),
                    position == null ? "no" : position.snapshotInProgress() ? "a snapshot" : "a streaming",
                    slotName, slot.isPresent() ? "exists" : "missing", plan);
            if (plan == Plan.STREAM) {
                if (slot.isEmpty()) {
                    if (position != null) {
                        throw new ConnectException("Replication slot " + slotName + " does not exist, but the connector "
                                + "has an offset: the slot was dropped and the changes since are lost. Use "
                                + "snapshot.mode=when_needed to take a new snapshot, or delete the connector's offsets.");
                    }
                    slotConfirmedLsn = ReplicationSlot.createWithoutSnapshot(connections, slotName);
                    LOG.info("Created slot {} at {}", slotName, ReplicationSlot.format(slotConfirmedLsn));
                } else {
                    slotConfirmedLsn = slot.get().confirmedFlushLsn();
                }
            } else if (plan == Plan.RESUME_SNAPSHOT) {
                slotConfirmedLsn = slot.orElseThrow().confirmedFlushLsn();
            } else if (slot.isPresent()) {
                snapshotKeepsSlot = true;
                slotConfirmedLsn = slot.get().confirmedFlushLsn();
            }
        }
    }

    static Plan choosePlan(SnapshotMode mode, SourceOffsets.Position position, boolean slotExists) {
        boolean inProgress = position != null && position.snapshotInProgress();
        switch (mode) {
            case ALWAYS:
                return Plan.NEW_SNAPSHOT;
            case NEVER:
            case NO_DATA:
                return Plan.STREAM;
            case WHEN_NEEDED:
                if (position == null || !slotExists) {
                    return Plan.NEW_SNAPSHOT;
                }
                return inProgress ? Plan.RESUME_SNAPSHOT : Plan.STREAM;
            case INITIAL:
            case INITIAL_ONLY:
            default:
                if (position == null) {
                    return Plan.NEW_SNAPSHOT;
                }
                if (inProgress) {
                    return slotExists ? Plan.RESUME_SNAPSHOT : Plan.NEW_SNAPSHOT;
                }
                return Plan.STREAM;
        }
    }

    private void checkSlot(ReplicationSlot.SlotState slot) {
        if (!config.connection().dbname().equals(slot.database())) {
            throw new ConnectException("Slot " + slot.name() + " belongs to database " + slot.database() + ", not "
                    + config.connection().dbname() + ". Choose another slot.name.");
        }
        if (!"pgoutput".equals(slot.plugin())) {
            throw new ConnectException("Slot " + slot.name() + " uses plugin " + slot.plugin() + "; this connector "
                    + "needs pgoutput. Choose another slot.name or drop the slot.");
        }
        if (slot.active()) {
            throw new ConnectException("Slot " + slot.name() + " is in use by another process (pid " + slot.activePid()
                    + "). A slot has one reader: stop the other reader or choose another slot.name.");
        }
    }

    /** A restarted task may find its previous walsender still exiting: give it a few seconds. */
    private static Optional<ReplicationSlot.SlotState> waitUntilInactive(Connection sql, String slotName)
            throws SQLException {
        Optional<ReplicationSlot.SlotState> slot = ReplicationSlot.find(sql, slotName);
        for (int i = 0; i < 40 && slot.isPresent() && slot.get().active(); i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            slot = ReplicationSlot.find(sql, slotName);
        }
        return slot;
    }

    @Override
    public void run() {
        try {
            String slotName = config.replication().slotName();
            SourceOffsets.Position resume = null;
            InitialSnapshot snapshot = new InitialSnapshot(config, connections, queue, records, schemaBuilder, metrics);
            if (plan == Plan.NEW_SNAPSHOT && snapshotKeepsSlot) {
                // The slot holds every change since its confirmed position, which nobody has read yet: e.g. those of
                // a first snapshot killed before Connect stored any offset. Dropping it would lose them, deletes above
                // all, which a new snapshot cannot bring back. So the snapshot is read without the slot's exported
                // snapshot and the stream then replays the slot from that position: rows may repeat, older values
                // may follow newer ones for a while, and the last event of every row is its latest state.
                flushTracker = new FlushTracker(slotConfirmedLsn);
                LOG.info("New snapshot; slot {} exists and is kept: streaming continues from its confirmed position {} "
                        + "after the snapshot, replaying the changes made since", slotName,
                        ReplicationSlot.format(slotConfirmedLsn));
                if (TaskModes.readsRows(config.snapshot().mode())) {
                    snapshot.run(slotConfirmedLsn, null, new SnapshotProgress());
                }
            } else if (plan == Plan.NEW_SNAPSHOT) {
                try (ReplicationSlot.CreatedSlot created = ReplicationSlot.createWithSnapshot(connections, slotName)) {
                    LOG.info("Created slot {} at {} with exported snapshot {}", slotName,
                            ReplicationSlot.format(created.consistentPoint()), created.snapshotName());
                    flushTracker = new FlushTracker(created.consistentPoint());
                    if (TaskModes.readsRows(config.snapshot().mode())) {
                        snapshot.run(created.consistentPoint(), created.snapshotName(), new SnapshotProgress());
                    }
                }
            } else if (plan == Plan.RESUME_SNAPSHOT) {
                flushTracker = new FlushTracker(slotConfirmedLsn);
                LOG.info("Resuming the interrupted snapshot (consistent point {})",
                        ReplicationSlot.format(position.snapshotLsn()));
                snapshot.run(position.snapshotLsn(), null, SnapshotProgress.decode(position.snapshotProgress()));
            } else {
                flushTracker = new FlushTracker(slotConfirmedLsn);
                resume = position;
            }
            if (config.snapshot().mode() == SnapshotMode.INITIAL_ONLY) {
                LOG.info("snapshot.mode=initial_only: the snapshot is complete; not streaming");
                return;
            }
            if (stopped) {
                return;
            }
            stream = new ChangeStream(config, connections, queue, flushTracker, records, schemaBuilder, metrics, resume);
            stream.run();
        } catch (InterruptedException e) {
            if (!stopped) {
                queue.fail(new ConnectException("The capture thread was interrupted", e));
            }
        } catch (Throwable e) {
            if (!stopped) {
                LOG.error("Capture failed: {}", e.getMessage(), e);
                queue.fail(e);
            }
        }
    }

    void stop() {
        stopped = true;
        ChangeStream s = stream;
        if (s != null) {
            s.stop();
        }
    }

    /** Which snapshot modes read the tables' rows. */
    static final class TaskModes {
        private TaskModes() {
        }

        static boolean readsRows(SnapshotMode mode) {
            return mode != SnapshotMode.NEVER && mode != SnapshotMode.NO_DATA;
        }
    }
}
