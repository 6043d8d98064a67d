package io.sluice.cdc.mysql.snapshot;

import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import io.sluice.cdc.mysql.config.SnapshotLockingMode;
import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.cdc.mysql.server.MySqlServer;
import io.sluice.cdc.mysql.stream.BinlogOffset;
import io.sluice.cdc.mysql.stream.ChangeRecords;
import io.sluice.cdc.mysql.stream.RecordQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the captured tables' rows as {@code op=r} events, consistent with one binlog position.
 *
 * <p>With {@code snapshot.locking.mode=minimal} a global read lock is held only while the binlog position is read
 * and every reader connection opens its REPEATABLE READ consistent-snapshot transaction; with {@code none} the
 * position is read first and no lock is taken. Tables with a primary key are read in key order in chunks of
 * {@code snapshot.chunk.size} rows, so that a restarted snapshot continues after the last finished chunk; tables
 * are read in parallel over {@code snapshot.max.threads} connections.
 */
public final class SnapshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final MySqlConnectorConfig config;
    private final MySqlServer server;
    private final boolean mariaDb;
    private final RecordQueue queue;
    private final ChangeRecords records;
    private volatile boolean stopping;

    public SnapshotReader(MySqlConnectorConfig config, MySqlServer server, boolean mariaDb, RecordQueue queue,
            ChangeRecords records) {
        this.config = config;
        this.server = server;
        this.mariaDb = mariaDb;
        this.queue = queue;
        this.records = records;
    }

    public void stop() {
        stopping = true;
    }

    /**
     * Runs the snapshot and returns the binlog position streaming continues from.
     *
     * @param resumed the offset of a snapshot that did not finish, or null for a new snapshot
     */
    public BinlogOffset run(BinlogOffset resumed) throws SQLException, InterruptedException {
        int threads = config.snapshot().maxThreads();
        List<Connection> readers = new ArrayList<>();
        try (Connection coordinator = server.connect()) {
            TableCatalog catalog = new TableCatalog(() -> coordinator, config.capture(), config.types(), mariaDb);
            List<TableId> tableIds = catalog.capturedTables();
            SnapshotProgress progress = resumed == null ? new SnapshotProgress()
                    : SnapshotProgress.parse(resumed.snapshotProgress());
            List<CapturedTable> tables = new ArrayList<>();
            for (TableId id : tableIds) {
                if (progress.isDone(id)) {
                    continue;
                }
                TableDefinition definition = catalog.read(id);
                if (definition != null) {
                    tables.add(catalog.capture(definition));
                }
            }
            int readerCount = Math.max(1, Math.min(threads, tables.size()));
            for (int i = 0; i < readerCount; i++) {
                Connection reader = server.connect();
                readers.add(reader);
            }
            BinlogOffset position = openTransactions(coordinator, readers);
            if (resumed != null) {
                // Rows already delivered match the first snapshot's position: streaming must start there.
                position = BinlogOffset.at(resumed.file(), resumed.position(), resumed.gtids());
                LOG.info("Resuming the snapshot of {} tables; streaming will start at {}:{}", tables.size(),
                        position.file(), position.position());
            }
            LOG.info("Snapshot of {} tables at binlog position {}:{} (GTIDs {}) with {} reader(s): {}", tables.size(),
                    position.file(), position.position(), position.gtids(), readerCount,
                    tables.stream().map(t -> t.id().toString()).collect(Collectors.joining(", ")));
            SnapshotOutput output = new SnapshotOutput(queue, records, position, progress);
            readTables(tables, readers, output, progress);
            for (Connection reader : readers) {
                reader.commit();
            }
            output.finish();
            LOG.info("Snapshot finished: {} rows", output.total());
            return position;
        } finally {
            for (Connection reader : readers) {
                try {
                    reader.close();
                } catch (SQLException e) {
                    LOG.warn("Closing a snapshot connection failed", e);
                }
            }
        }
    }

    /** Pins the binlog position and opens every reader's consistent snapshot at that point. */
    private BinlogOffset openTransactions(Connection coordinator, List<Connection> readers) throws SQLException {
        boolean lock = config.snapshot().lockingMode() == SnapshotLockingMode.MINIMAL;
        try (Statement statement = coordinator.createStatement()) {
            if (lock) {
                long started = System.nanoTime();
                statement.execute("FLUSH TABLES WITH READ LOCK");
                try {
                    BinlogOffset position = MySqlServer.currentPosition(coordinator, mariaDb);
                    startSnapshots(readers);
                    return position;
                } finally {
                    statement.execute("UNLOCK TABLES");
                    LOG.info("Global read lock held for {} ms", (System.nanoTime() - started) / 1_000_000);
                }
            }
            BinlogOffset position = MySqlServer.currentPosition(coordinator, mariaDb);
            startSnapshots(readers);
            return position;
        }
    }

    private static void startSnapshots(List<Connection> readers) throws SQLException {
        for (Connection reader : readers) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            }
        }
    }

    private void readTables(List<CapturedTable> tables, List<Connection> readers, SnapshotOutput output,
            SnapshotProgress progress) throws SQLException, InterruptedException {
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(readers.size(), false, readers);
        ExecutorService executor = Executors.newFixedThreadPool(readers.size(), runnable -> {
            Thread thread = new Thread(runnable, "sluice-snapshot-" + config.capture().topicPrefix());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (CapturedTable table : tables) {
                List<String> lastKey = progress.lastKey(table.id());
                futures.add(executor.submit(() -> {
                    Connection connection = pool.take();
                    try {
                        readTable(connection, table, lastKey, output);
                    } finally {
                        pool.put(connection);
                    }
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
                    throw new ConnectException("The snapshot failed: " + cause.getMessage(), cause);
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private void readTable(Connection connection, CapturedTable table, List<String> lastKey, SnapshotOutput output)
            throws SQLException, InterruptedException {
        TableDefinition definition = table.definition();
        List<ColumnDefinition> columns = definition.columns();
        int chunkSize = config.snapshot().chunkSize();
        ChunkQuery chunks = ChunkQuery.of(definition, chunkSize);
        long estimate = estimateRows(connection, table.id());
        String select = "SELECT " + ChunkQuery.selectList(columns) + " FROM " + table.id().quoted();
        RowReader reader = new RowReader(columns);
        long started = System.nanoTime();
        long lastLog = started;
        long rows = 0;
        if (chunks == null) {
            LOG.info("Snapshot of {} (~{} rows) in one scan: it has no primary key usable for chunks", table.id(),
                    estimate);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(config.snapshot().fetchSize());
                try (ResultSet result = statement.executeQuery(select)) {
                    Object[] pending = null;
                    while (result.next()) {
                        if (pending != null) {
                            output.row(table, pending, null, false);
                        }
                        pending = reader.read(result);
                        rows++;
                        lastLog = logProgress(table, rows, estimate, started, lastLog);
                        checkStopping();
                    }
                    if (pending != null) {
                        output.row(table, pending, null, true);
                    } else {
                        output.tableDone(table.id());
                    }
                }
            }
        } else {
            List<String> after = lastKey;
            while (true) {
                int chunkRows = 0;
                List<String> chunkEnd = null;
                try (PreparedStatement statement = connection.prepareStatement(chunks.sql(after))) {
                    statement.setFetchSize(config.snapshot().fetchSize());
                    chunks.bind(statement, after);
                    try (ResultSet result = statement.executeQuery()) {
                        Object[] pending = null;
                        List<String> pendingKey = null;
                        while (result.next()) {
                            if (pending != null) {
                                output.row(table, pending, null, false);
                            }
                            pending = reader.read(result);
                            chunkRows++;
                            // Only a full chunk's last row needs its key, to start the next chunk after it.
                            pendingKey = chunkRows == chunkSize ? chunks.keyText(result) : null;
                            rows++;
                            lastLog = logProgress(table, rows, estimate, started, lastLog);
                            checkStopping();
                        }
                        if (pending != null) {
                            boolean last = chunkRows < chunkSize;
                            output.row(table, pending, last ? null : pendingKey, last);
                            chunkEnd = pendingKey;
                        }
                    }
                }
                if (chunkRows < chunkSize) {
                    if (chunkRows == 0) {
                        output.tableDone(table.id());
                    }
                    break;
                }
                after = chunkEnd;
            }
        }
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
        LOG.info("Snapshot of {} done: {} rows in {} s ({} rows/s)", table.id(), rows,
                String.format("%.1f", seconds), (long) (rows / seconds));
    }

    private void checkStopping() throws InterruptedException {
        if (stopping || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("The snapshot was stopped");
        }
    }

    private static long logProgress(CapturedTable table, long rows, long estimate, long started, long lastLog) {
        long now = System.nanoTime();
        if (now - lastLog < 10_000_000_000L) {
            return lastLog;
        }
        double seconds = (now - started) / 1e9;
        LOG.info("Snapshot of {}: {} of ~{} rows, {} rows/s", table.id(), rows, Math.max(estimate, rows),
                (long) (rows / seconds));
        return now;
    }

    private static long estimateRows(Connection connection, TableId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
