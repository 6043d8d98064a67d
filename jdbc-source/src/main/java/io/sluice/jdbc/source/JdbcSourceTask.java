package io.sluice.jdbc.source;

import io.sluice.jdbc.source.config.JdbcSourceTaskConfig;
import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.dialect.Dialects;
import io.sluice.jdbc.source.discovery.ColumnCheck;
import io.sluice.jdbc.source.discovery.TableId;
import io.sluice.jdbc.source.query.ModeQuery;
import io.sluice.jdbc.source.query.ReadTarget;
import io.sluice.jdbc.source.query.SourceOffset;
import io.sluice.jdbc.source.query.TableReader;
import io.sluice.schema.SluiceVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this task's tables (or the custom query) in turn over one connection. Each poll returns up to
 * {@code batch.max.rows} records of one table; a table is read again {@code poll.interval.ms} after its last
 * round started. Only one cursor is open at a time, which MySQL's streaming results require.
 *
 * <p>While the worker converts and sends a batch, a reader thread already fetches the next batch of the same
 * table, so that the database read and the worker's work overlap (the profile of a bulk copy showed them taking
 * turns on one thread). The connection is only ever used by one thread at a time: the reader thread while a batch
 * is being read, the task's thread otherwise.
 */
public class JdbcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object connectionLock = new Object();

    private ConnectionSettings connections;
    private List<TableReader> readers;
    private int allowedFailures;
    private int failuresInARow;
    private Connection connection;
    private TableReader current;
    private ExecutorService readerThread;
    /** The current table's next batch, being read ahead; null when none is. */
    private Future<Batch> ahead;

    /** A batch of a table and whether it ended the table's round. */
    private record Batch(List<SourceRecord> records, boolean roundOver) {
    }

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        JdbcSourceTaskConfig config = new JdbcSourceTaskConfig(props);
        Dialect dialect = Dialects.choose(config.dialectName(), config.connectionUrl(), config.quoteIdentifiers());
        connections = ConnectionSettings.of(config, dialect);
        allowedFailures = config.connectionAttempts();
        ModeQuery query = ModeQuery.of(config.mode(), dialect, config.incrementingColumn(),
                config.timestampColumns(), config.querySuffix());
        TableReader.Settings settings = new TableReader.Settings(dialect, config.batchMaxRows(),
                config.pollIntervalMs(), config.timestampDelayMs(), config.timestampInitial(), config.keyColumns(),
                config.numericMapping());

        List<ReadTarget> targets = new ArrayList<>();
        if (config.query() != null) {
            targets.add(ReadTarget.query(config.query(), config.topicPrefix()));
        } else {
            for (TableId table : config.tables()) {
                targets.add(ReadTarget.table(table, dialect, config.topicPrefix()));
            }
        }
        Map<Map<String, String>, Map<String, Object>> stored = context.offsetStorageReader()
                .offsets(targets.stream().map(ReadTarget::partition).toList());
        readers = new ArrayList<>();
        for (ReadTarget target : targets) {
            SourceOffset offset = SourceOffset.fromMap(stored == null ? null : stored.get(target.partition()));
            LOG.info("Copying {} to topic {} starting after {}", target.description(), target.topic(), offset);
            readers.add(new TableReader(target, query, settings, (Calendar) connections.zone().clone(), offset));
        }
        readerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-jdbc-source-reader-" + config.topicPrefix());
            thread.setDaemon(true);
            return thread;
        });
        connection = connections.open();
        if (config.query() == null) {
            checkColumns(dialect, new ColumnCheck(config.incrementingColumn(), config.timestampColumns(),
                    config.keyColumns(), config.validateNonNull()));
        }
    }

    private void checkColumns(Dialect dialect, ColumnCheck check) {
        try {
            for (TableReader reader : readers) {
                TableId table = reader.target().table();
                Map<String, String> problems = check.problems("table " + table.qualifiedName(),
                        dialect.columnsNullable(connection, table));
                if (!problems.isEmpty()) {
                    throw new ConnectException(String.join("; ", problems.values()));
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new ConnectException("Reading the columns of the task's tables failed", e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        while (stopping.getCount() > 0) {
            synchronized (connectionLock) {
                if (stopping.getCount() == 0) {
                    break;
                }
                if (current == null) {
                    TableReader next = readers.stream()
                            .min(Comparator.comparingLong(TableReader::nextRoundAtMs)).orElse(null);
                    long waitMs = next == null ? 1_000 : next.nextRoundAtMs() - System.currentTimeMillis();
                    if (next != null && waitMs <= 0) {
                        current = next;
                    } else {
                        // Nothing is due: wait a little and give the worker its turn (it checks for pauses and
                        // shutdowns between polls).
                        pause(Math.min(waitMs, 1_000));
                        return null;
                    }
                }
                List<SourceRecord> records = readCurrent();
                if (!records.isEmpty()) {
                    return records;
                }
            }
        }
        return null;
    }

    /**
     * The next batch of the current table, read ahead while the worker sent the previous one when possible; starts
     * reading the batch after it. On a database error, drops the connection and asks for a retry.
     */
    private List<SourceRecord> readCurrent() throws InterruptedException {
        TableReader reader = current;
        Future<Batch> next = ahead != null ? ahead : readerThread.submit(() -> readBatch(reader));
        ahead = null;
        try {
            Batch batch = next.get();
            if (batch.roundOver()) {
                current = null;
            } else {
                ahead = readerThread.submit(() -> readBatch(reader));
            }
            failuresInARow = 0;
            return batch.records();
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof SQLException e)) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new ConnectException("Reading " + reader.target().description() + " failed", failed.getCause());
            }
            current = null;
            reader.abandonRound(System.currentTimeMillis() + connections.backoffMs());
            if (wasDropped(reader)) {
                LOG.warn("Table {} was dropped; no longer copying it (the connector redistributes the tables at "
                        + "its next check)", reader.target().description());
                readers.remove(reader);
                return List.of();
            }
            closeConnection();
            failuresInARow++;
            if (failuresInARow >= allowedFailures) {
                throw new ConnectException("Reading " + reader.target().description() + " failed "
                        + failuresInARow + " times in a row", e);
            }
            throw new RetriableException("Reading " + reader.target().description() + " failed; reconnecting "
                    + "and continuing after offset " + reader.offset(), e);
        }
    }

    /** Runs on the reader thread: one batch of the reader's table, opening the connection and round as needed. */
    private Batch readBatch(TableReader reader) throws SQLException {
        if (connection == null) {
            connection = connections.open();
        }
        if (!reader.inRound()) {
            reader.startRound(connection, System.currentTimeMillis());
        }
        List<SourceRecord> records = reader.read(connection);
        return new Batch(records, !reader.inRound());
    }

    /** Waits for a batch still being read ahead, whose records are dropped: the stored offsets come before them. */
    private void awaitReadAhead() {
        if (ahead == null) {
            return;
        }
        try {
            ahead.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.debug("The batch read ahead failed while stopping: {}", e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("A batch read ahead was still running after 30 s; closing its connection anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ahead = null;
        }
    }

    /** Whether the reader's table no longer exists; false when that cannot be told (e.g. the connection broke). */
    private boolean wasDropped(TableReader reader) {
        TableId table = reader.target().table();
        if (table == null || connection == null) {
            return false;
        }
        try {
            connection.rollback();
            boolean dropped = connections.dialect().columnsNullable(connection, table).isEmpty();
            connection.rollback();
            return dropped;
        } catch (SQLException e) {
            LOG.debug("Cannot check whether {} still exists: {}", table, e.getMessage());
            return false;
        }
    }

    /** Waits without holding the lock, returning early when the task stops. */
    private void pause(long ms) throws InterruptedException {
        // Called with connectionLock held: wait() releases it so that stop() is never blocked by the pause.
        long until = System.currentTimeMillis() + ms;
        long left = ms;
        while (left > 0 && stopping.getCount() > 0) {
            connectionLock.wait(left);
            left = until - System.currentTimeMillis();
        }
    }

    @Override
    public void stop() {
        stopping.countDown();
        synchronized (connectionLock) {
            connectionLock.notifyAll();
            awaitReadAhead();
            if (readerThread != null) {
                readerThread.shutdownNow();
            }
            if (readers != null) {
                readers.forEach(TableReader::abandonRound);
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rolling back the reading transaction failed: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the connection failed: {}", e.getMessage());
        } finally {
            connection = null;
        }
    }
}
