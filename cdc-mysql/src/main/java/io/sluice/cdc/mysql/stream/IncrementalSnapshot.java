package io.sluice.cdc.mysql.stream;

import io.sluice.cdc.mysql.metrics.StreamingMetrics;
import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.cdc.mysql.schema.CatalogConnection;
import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.cdc.mysql.snapshot.ChunkQuery;
import io.sluice.cdc.mysql.snapshot.RowReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ad-hoc snapshots requested by inserting an {@code execute-snapshot} row into the signal table, read in chunks
 * interleaved with the binlog (the DBLog watermark method). Between two transactions of the binlog, the connector
 * writes an "open" row into the signal table, selects the next chunk of rows in primary key order (no lock, a
 * plain autocommit read), and writes a "close" row. While the binlog is read between the two rows, a streamed
 * change of a row in the chunk drops that row from the chunk: the streamed change is as new or newer. The rest of
 * the chunk is written as {@code op=r} events where the close row comes through the binlog.
 *
 * <p>Progress (the tables left and the last key written) travels in the offsets of the records (see
 * {@link IncrementalProgress}), so a restarted task continues after the last chunk it wrote. Runs on the binlog
 * reader's thread only.
 */
final class IncrementalSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSnapshot.class);
    private static final Pattern COLLECTIONS = Pattern.compile("\"data-collections\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern BLOCKING = Pattern.compile("(?s).*\"type\"\\s*:\\s*\"(?i:blocking)\".*");
    static final String EXECUTE = "execute-snapshot";
    static final String STOP = "stop-snapshot";
    static final String OPEN = "snapshot-window-open";
    static final String CLOSE = "snapshot-window-close";

    /** The rows of a closed chunk still to write, and the progress to store with the last of them. */
    record Chunk(CapturedTable table, List<Object[]> rows, IncrementalProgress progressAfter) {
    }

    private final TableId signalTable;
    private final int chunkSize;
    private final CatalogConnection connection;
    private final TableCatalog catalog;
    private final StreamingMetrics metrics;
    private List<String> signalColumns;

    // What is left, as written to the offsets: the tables still to read (the current first) and the last key written.
    private final List<TableId> tables = new ArrayList<>();
    private List<String> lastKey;
    private String encodedProgress;

    // The table being read: its structure and query, set when its first chunk is read.
    private CapturedTable table;
    private ChunkQuery query;
    private List<String> maximumKey;

    // The chunk in flight, between its open and close watermarks.
    private String chunkId;
    private boolean windowOpen;
    private Map<List<Object>, Object[]> buffer;
    private List<String> chunkEnd;
    private boolean lastChunk;
    private int chunkRowsRead;

    IncrementalSnapshot(TableId signalTable, int chunkSize, CatalogConnection connection, TableCatalog catalog,
            StreamingMetrics metrics, String storedProgress) {
        this.signalTable = signalTable;
        this.chunkSize = chunkSize;
        this.connection = connection;
        this.catalog = catalog;
        this.metrics = metrics;
        IncrementalProgress progress = IncrementalProgress.parse(storedProgress);
        tables.addAll(progress.tables());
        lastKey = progress.lastKey();
        updateProgress();
        if (!tables.isEmpty()) {
            LOG.info("Resuming the incremental snapshot of {}{}", tables,
                    lastKey == null ? "" : " after key " + lastKey + " of " + tables.get(0));
        }
    }

    /** Whether rows of this table are signals (names compared ignoring case, as on case-insensitive servers). */
    boolean isSignalTable(TableId id) {
        return id != null && signalTable.database().equalsIgnoreCase(id.database())
                && signalTable.table().equalsIgnoreCase(id.table());
    }

    /** The progress to store in the offset of each record, or null when no incremental snapshot is running. */
    String progress() {
        return encodedProgress;
    }

    /**
     * A row inserted into the signal table (columns id, type, data first). Returns the chunk to write when the row
     * is the close watermark of the chunk in flight, else null.
     */
    Chunk onSignal(Object[] row) {
        if (row.length < 3) {
            LOG.warn("Signal table {} needs three columns (id, type, data); ignoring a row", signalTable);
            return null;
        }
        String id = text(row[0]);
        String type = text(row[1]);
        String data = text(row[2]);
        if (EXECUTE.equals(type)) {
            requested(id, data);
        } else if (STOP.equals(type)) {
            stop(id, data);
        } else if (OPEN.equals(type) && chunkId != null && (chunkId + "-open").equals(id)) {
            windowOpen = true;
        } else if (CLOSE.equals(type) && chunkId != null && (chunkId + "-close").equals(id)) {
            metrics.onIncrementalChunk(buffer.size(), chunkRowsRead - buffer.size());
            LOG.debug("Chunk {} of {}: {} rows read, {} of them changed by the stream in the window", chunkId,
                    table.id(), chunkRowsRead, chunkRowsRead - buffer.size());
            Chunk chunk = new Chunk(table, new ArrayList<>(buffer.values()), lastChunk
                    ? new IncrementalProgress(tables.subList(1, tables.size()), null)
                    : new IncrementalProgress(tables, chunkEnd));
            if (lastChunk) {
                LOG.info("Incremental snapshot of {} completed", table.id());
                forgetTable();
            }
            chunkId = null;
            windowOpen = false;
            buffer = null;
            return chunk;
        }
        return null;
    }

    /** The last row of the chunk is being written: from now on the offsets carry the progress including it. */
    void written(Chunk chunk) {
        tables.clear();
        tables.addAll(chunk.progressAfter().tables());
        lastKey = chunk.progressAfter().lastKey();
        updateProgress();
    }

    /** A streamed change of a row (before or after image) of a captured table: the streamed value wins. */
    void onChange(CapturedTable streamed, Object[] row) {
        if (windowOpen && streamed.id().equals(table.id())) {
            List<Object> key = streamed.primaryKeyValues(row);
            if (key != null) {
                buffer.remove(key);
            }
        }
    }

    /** A TRUNCATE in the window empties the chunk: its rows were read before they were removed. */
    void onTruncate(TableId id) {
        if (windowOpen && id.equals(table.id())) {
            buffer.clear();
        }
    }

    /**
     * A DDL statement may have changed tables of the databases matched: a chunk of such a table in flight is dropped
     * and read again with the new structure.
     */
    void onSchemaChange(Predicate<String> database) {
        if (table != null && database.test(table.id().database())) {
            forgetTable();
        }
    }

    /** Between transactions: reads the next chunk when there is work and no chunk is in flight. */
    void maybeReadChunk() throws SQLException {
        if (chunkId != null || tables.isEmpty()) {
            return;
        }
        try {
            readNextChunk();
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw e;
            }
            // Streaming must not wait on a snapshot that cannot work (no INSERT on the signal table, table gone).
            TableId failed = tables.get(0);
            LOG.error("Incremental snapshot of {} abandoned: {} (SQL state {}, error {}); the binlog keeps streaming",
                    failed, e.getMessage(), e.getSQLState(), e.getErrorCode());
            tables.remove(0);
            lastKey = null;
            forgetTable();
            updateProgress();
        }
    }

    /**
     * The server or the network failed (SQL state class 08): the binlog reader reconnects and tries again. Decided by
     * the state alone: the MariaDB driver raises even a trigger's SIGNAL '45000' as SQLTransientConnectionException.
     */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null ? e instanceof java.sql.SQLNonTransientConnectionException : state.startsWith("08");
    }

    private void readNextChunk() throws SQLException {
        while (table == null) {
            if (tables.isEmpty()) {
                return;
            }
            if (!startTable(tables.get(0))) {
                tables.remove(0);
                lastKey = null;
                updateProgress();
            }
        }
        String id = UUID.randomUUID().toString();
        try {
            // The watermark rows' ids are the chunk id plus -open / -close (41 characters fit Debezium's VARCHAR(42)).
            writeSignal(id + "-open", OPEN);
            chunkId = id;
            readChunk();
            writeSignal(id + "-close", CLOSE);
        } catch (SQLException | RuntimeException e) {
            // Read the chunk again later with new watermarks; the ones written, if any, are ignored.
            chunkId = null;
            windowOpen = false;
            buffer = null;
            throw e;
        }
    }

    /** A stop-snapshot signal: the listed tables, or all when it lists none, are not read (further). */
    private void stop(String id, String data) {
        List<TableId> listed = collections(id, data);
        if (listed == null || listed.isEmpty()) {
            LOG.info("Signal {}: stopping the incremental snapshot of {}", id, tables);
            tables.clear();
            lastKey = null;
            forgetTable();
        } else {
            for (TableId stopped : listed) {
                int index = indexOf(stopped);
                if (index < 0) {
                    LOG.info("Signal {}: {} is not waiting for an incremental snapshot", id, stopped);
                    continue;
                }
                LOG.info("Signal {}: the incremental snapshot of {} is stopped", id, tables.get(index));
                tables.remove(index);
                if (index == 0) {
                    lastKey = null;
                    forgetTable();
                }
            }
        }
        updateProgress();
    }

    private int indexOf(TableId id) {
        for (int i = 0; i < tables.size(); i++) {
            TableId table = tables.get(i);
            if (table.database().equalsIgnoreCase(id.database()) && table.table().equalsIgnoreCase(id.table())) {
                return i;
            }
        }
        return -1;
    }

    /** The data-collections of a signal's data; null (after a warning) when it has none. */
    private static List<TableId> collections(String id, String data) {
        Matcher collections = data == null ? null : COLLECTIONS.matcher(data);
        if (collections == null || !collections.find()) {
            return null;
        }
        List<TableId> ids = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(collections.group(1));
        while (quoted.find()) {
            String name = quoted.group(1).replace("\\\"", "\"");
            int dot = name.indexOf('.');
            if (dot <= 0) {
                LOG.warn("Signal {}: '{}' is not database.table; ignored", id, name);
                continue;
            }
            ids.add(new TableId(name.substring(0, dot), name.substring(dot + 1)));
        }
        return ids;
    }

    private void requested(String id, String data) {
        if (data != null && BLOCKING.matcher(data).matches()) {
            LOG.warn("Signal {}: blocking snapshots are not supported; running it as an incremental snapshot", id);
        }
        List<TableId> listed = collections(id, data);
        if (listed == null) {
            LOG.warn("Signal {}: no data-collections in {}; ignored", id, data);
            return;
        }
        for (TableId requested : listed) {
            if (!catalog.isCaptured(requested)) {
                LOG.warn("Signal {}: {} is not captured (see the database/table include and exclude lists); "
                        + "not snapshotted", id, requested);
                continue;
            }
            if (indexOf(requested) >= 0) {
                LOG.info("Signal {}: {} is already waiting for its incremental snapshot", id, requested);
                continue;
            }
            LOG.info("Signal {}: incremental snapshot of {} requested", id, requested);
            tables.add(requested);
        }
        updateProgress();
    }

    /** Prepares reading a table; false when it cannot be read in chunks (gone, no usable primary key). */
    private boolean startTable(TableId requested) throws SQLException {
        // Events of the table must find it under the server's spelling of its name, whatever the signal said.
        TableId id = catalog.resolve(requested);
        TableDefinition definition = id == null ? null : catalog.read(id);
        if (definition == null) {
            LOG.warn("Incremental snapshot: table {} does not exist; skipped", requested);
            return false;
        }
        if (!id.equals(requested)) {
            tables.set(0, id);
            updateProgress();
        }
        ChunkQuery chunks = ChunkQuery.of(definition, chunkSize);
        if (chunks == null) {
            LOG.warn("Incremental snapshot: table {} has no primary key of number, string or temporal columns to "
                    + "read it in chunks by; skipped", id);
            return false;
        }
        // Rows inserted later with higher keys are streamed anyway: stopping at today's last key lets the snapshot
        // of a table that grows faster than chunks are read end.
        List<String> maximum = chunks.lastKey(connection.get());
        if (maximum == null) {
            LOG.info("Incremental snapshot of {}: the table is empty", id);
            return false;
        }
        table = catalog.capture(definition);
        query = chunks;
        maximumKey = maximum;
        LOG.info("Incremental snapshot of {} {}, up to key {}", id,
                lastKey == null ? "started" : "continues after key " + lastKey, maximum);
        return true;
    }

    private void forgetTable() {
        table = null;
        query = null;
        maximumKey = null;
        chunkId = null;
        windowOpen = false;
        buffer = null;
    }

    private void readChunk() throws SQLException {
        RowReader reader = new RowReader(table.definition().columns());
        buffer = new LinkedHashMap<>();
        chunkEnd = null;
        int rows = 0;
        try (PreparedStatement statement = connection.get().prepareStatement(query.sql(lastKey, maximumKey))) {
            query.bind(statement, lastKey, maximumKey);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] row = reader.read(result);
                    buffer.put(table.primaryKeyValues(row), row);
                    rows++;
                    if (rows == chunkSize) {
                        chunkEnd = query.keyText(result);
                    }
                }
            }
        }
        lastChunk = rows < chunkSize;
        chunkRowsRead = rows;
    }

    private void writeSignal(String id, String type) throws SQLException {
        if (signalColumns == null) {
            TableDefinition definition = catalog.read(signalTable);
            if (definition == null || definition.columns().size() < 3) {
                throw new SQLException("The signal table " + signalTable + " does not exist or has fewer than three "
                        + "columns (id, type, data)");
            }
            signalColumns = definition.columns().stream().limit(3).map(ColumnDefinition::name).toList();
        }
        String statement = "INSERT INTO " + signalTable.quoted() + " ("
                + signalColumns.stream().map(TableId::quote).collect(Collectors.joining(", ")) + ") VALUES (?, ?, ?)";
        try (PreparedStatement insert = connection.get().prepareStatement(statement)) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setString(3, null);
            insert.executeUpdate();
        }
    }

    private void updateProgress() {
        encodedProgress = new IncrementalProgress(tables, lastKey).encode();
        metrics.incrementalSnapshotTables(tables.stream().map(TableId::toString).collect(Collectors.joining(",")));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
