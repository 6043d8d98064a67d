package io.sluice.cdc.mysql;

import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import io.sluice.cdc.mysql.config.SnapshotMode;
import io.sluice.cdc.mysql.metrics.StreamingMetrics;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.cdc.mysql.server.BinlogRetention;
import io.sluice.cdc.mysql.server.MySqlServer;
import io.sluice.cdc.mysql.snapshot.SnapshotReader;
import io.sluice.cdc.mysql.stream.BinlogOffset;
import io.sluice.cdc.mysql.stream.BinlogReader;
import io.sluice.cdc.mysql.stream.ChangeRecords;
import io.sluice.cdc.mysql.stream.RecordQueue;
import io.sluice.schema.SluiceVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one server: a snapshot when one is due, then the binlog. Both run on their own threads and put records
 * into a bounded queue that {@link #poll()} drains in batches.
 */
public class MySqlSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSourceTask.class);

    private MySqlConnectorConfig config;
    private RecordQueue queue;
    private StreamingMetrics metrics;
    private Thread runner;
    private volatile SnapshotReader snapshot;
    private volatile BinlogReader binlog;
    private volatile boolean stopping;
    private Map<TableId, TableDefinition> known;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MySqlConnectorConfig(props);
        queue = new RecordQueue(config.streaming().maxQueueSize(), config.streaming().maxBatchSize());
        metrics = new StreamingMetrics(queue::size, queue::remainingCapacity);
        metrics.register(config.capture().topicPrefix());
        ChangeRecords records = new ChangeRecords(config.capture().topicPrefix(),
                config.streaming().heartbeatTopic(config.capture().topicPrefix()));
        MySqlServer server = new MySqlServer(config.connection());
        Map<String, Object> storedMap = context.offsetStorageReader()
                .offset(BinlogOffset.partition(config.capture().topicPrefix()));
        BinlogOffset stored = BinlogOffset.fromMap(storedMap);
        String incremental = BinlogOffset.incrementalSnapshot(storedMap);
        Plan plan;
        try (Connection jdbc = server.connect()) {
            boolean mariaDb = MySqlServer.isMariaDb(jdbc);
            boolean gtids = MySqlServer.gtidsEnabled(jdbc, mariaDb);
            // Table structures first, then the position: DDL in between shows up in the stream, none is missed.
            known = config.capture().includeSchemaChanges()
                    ? BinlogReader.readDefinitions(config, jdbc, mariaDb) : null;
            plan = plan(jdbc, mariaDb, gtids, stored, incremental);
        } catch (SQLException e) {
            throw new ConnectException("Cannot read the server's binlog state: " + e.getMessage(), e);
        }
        LOG.info("Starting: {}", plan.describe());
        runner = new Thread(() -> run(plan, server, records), "sluice-mysql-" + config.capture().topicPrefix());
        runner.setDaemon(true);
        runner.start();
    }

    /** What this start does: snapshot (new or resumed) or not, and where streaming begins. */
    private record Plan(boolean mariaDb, boolean gtids, boolean snapshot, BinlogOffset resumedSnapshot,
            BinlogOffset streamFrom, boolean stream, String incrementalSnapshot) {
        String describe() {
            return (snapshot ? (resumedSnapshot != null ? "resume the snapshot, " : "snapshot, ") : "")
                    + (stream ? "stream the binlog" + (streamFrom != null ? " from " + streamFrom.file() + ":"
                            + streamFrom.position() + (streamFrom.gtids() != null ? " (GTIDs " + streamFrom.gtids()
                            + ")" : "") : " from the snapshot's position") : "then stop")
                    + (incrementalSnapshot != null ? ", continuing the incremental snapshot" : "");
        }
    }

    private Plan plan(Connection jdbc, boolean mariaDb, boolean gtids, BinlogOffset stored, String incremental)
            throws SQLException {
        SnapshotMode mode = config.snapshot().mode();
        boolean snapshots = mode == SnapshotMode.INITIAL || mode == SnapshotMode.INITIAL_ONLY
                || mode == SnapshotMode.WHEN_NEEDED;
        boolean stream = mode != SnapshotMode.INITIAL_ONLY;
        if (stored == null) {
            if (snapshots) {
                return new Plan(mariaDb, gtids, true, null, null, stream, null);
            }
            if (mode == SnapshotMode.NEVER) {
                List<String> files = MySqlServer.binlogFiles(jdbc);
                if (files.isEmpty()) {
                    throw new ConnectException("The server has no binlog files: is log_bin on?");
                }
                return new Plan(mariaDb, gtids, false, null, BinlogOffset.at(files.get(0), 4, null), true, null);
            }
            return new Plan(mariaDb, gtids, false, null, MySqlServer.currentPosition(jdbc, mariaDb), true, null);
        }
        if (mode == SnapshotMode.INITIAL_ONLY) {
            // No streaming: the stored position does not matter.
            return new Plan(mariaDb, gtids, stored.snapshot(), stored.snapshot() ? stored : null, stored, false, null);
        }
        // Streaming (also after a resumed snapshot) continues from the stored position: is it still on the server?
        String missing = BinlogRetention.missing(jdbc, mariaDb, gtids && stored.gtids() != null, stored);
        if (missing != null) {
            if (mode == SnapshotMode.WHEN_NEEDED) {
                LOG.warn("The binlog was purged: {}. snapshot.mode=when_needed: taking a new snapshot", missing);
                return new Plan(mariaDb, gtids, true, null, null, true, null);
            }
            throw new ConnectException("Cannot continue: " + missing + ". The server purged the binlog the connector "
                    + "was to continue from, so the changes in it are lost to the connector. To recover, set "
                    + "snapshot.mode=when_needed (a new snapshot is taken, then streaming goes on), or delete the "
                    + "connector's offsets (stop it, then DELETE /connectors/<name>/offsets) so that it starts over "
                    + "as configured. Keep binlogs longer (binlog_expire_logs_seconds, expire_logs_days) than the "
                    + "connector may be down.");
        }
        if (stored.snapshot()) {
            if (snapshots) {
                return new Plan(mariaDb, gtids, true, stored, null, stream, null);
            }
            return new Plan(mariaDb, gtids, false, null, stored.withSnapshot(false, null), true, null);
        }
        return new Plan(mariaDb, gtids, false, null, stored, true, incremental);
    }

    private void run(Plan plan, MySqlServer server, ChangeRecords records) {
        try {
            BinlogOffset from = plan.streamFrom();
            if (plan.snapshot()) {
                if (plan.resumedSnapshot() == null && !storeSnapshotStart(server, plan.mariaDb(), records)) {
                    return;
                }
                SnapshotReader reader = new SnapshotReader(config, server, plan.mariaDb(), queue, records);
                snapshot = reader;
                if (stopping) {
                    return;
                }
                from = reader.run(plan.resumedSnapshot());
                snapshot = null;
            }
            if (!plan.stream() || stopping) {
                LOG.info("Snapshot done; snapshot.mode={} does not stream the binlog", config.snapshot().mode().value());
                return;
            }
            BinlogReader reader = new BinlogReader(config, server, plan.mariaDb(), plan.gtids(), from,
                    plan.incrementalSnapshot(), queue, records, metrics);
            binlog = reader;
            if (stopping) {
                reader.stop();
                return;
            }
            // After a snapshot the structures are read again: the snapshot's position is newer than the first read.
            reader.start(plan.snapshot() ? null : known);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            if (!stopping) {
                queue.fail(e instanceof ConnectException ? e : new ConnectException(e.getMessage(), e));
            }
        }
    }

    /**
     * Before a new snapshot emits its first row: writes one heartbeat record whose offset is the binlog position
     * now, as a snapshot without progress, and waits until the worker has stored it (within its
     * offset.flush.interval.ms). A task killed later in the snapshot then resumes it and streams from that
     * position, so that the delete of a row the killed attempt had already emitted is streamed too; without a
     * stored offset it would take a new snapshot at a later position, and that delete would be lost.
     *
     * @return false when the task stopped meanwhile
     */
    private boolean storeSnapshotStart(MySqlServer server, boolean mariaDb, ChangeRecords records)
            throws SQLException, InterruptedException {
        BinlogOffset start;
        try (Connection jdbc = server.connect()) {
            start = MySqlServer.currentPosition(jdbc, mariaDb).withSnapshot(true, null);
        }
        queue.put(records.heartbeat(start.toMap()));
        LOG.info("Snapshot starting at {}:{}: waiting until the worker has stored that position before reading rows "
                + "(at most offset.flush.interval.ms)", start.file(), start.position());
        long waitStarted = System.nanoTime();
        while (!stopping) {
            if (start.equals(BinlogOffset.fromMap(context.offsetStorageReader().offset(records.partition())))) {
                LOG.info("The snapshot's start position is stored (after {} ms)",
                        (System.nanoTime() - waitStarted) / 1_000_000);
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return queue.poll(config.streaming().pollIntervalMs());
    }

    @Override
    public void stop() {
        stopping = true;
        SnapshotReader snapshotReader = snapshot;
        if (snapshotReader != null) {
            snapshotReader.stop();
        }
        if (runner != null) {
            runner.interrupt();
            try {
                runner.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        BinlogReader reader = binlog;
        if (reader != null) {
            reader.stop();
        }
        if (metrics != null) {
            metrics.unregister();
        }
    }
}
