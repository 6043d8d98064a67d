package io.sluice.cdc.postgres.stream;

import io.sluice.cdc.postgres.config.TableFilter;
import io.sluice.cdc.postgres.stream.pgoutput.TupleData;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.Catalog;
import io.sluice.cdc.postgres.table.ColumnDefinition;
import io.sluice.cdc.postgres.table.TableDefinition;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ad-hoc snapshots requested by inserting an {@code execute-snapshot} row into the signal table, read in chunks
 * interleaved with the stream (the DBLog watermark method): a chunk is selected between an "open" and a "close"
 * row written to the signal table; rows changed in the stream between the two watermarks are dropped from the
 * chunk (the streamed change is newer), the rest are emitted when the close watermark comes through the stream.
 * No locks are taken.
 *
 * <p>Where it stands ({@link #progress()}: the table being read, the key up to which its rows were emitted, the
 * tables still to read) goes into the offset of every record while it runs, so a restarted task continues after
 * the last chunk whose rows Kafka has; a chunk cut short by the restart is read again.
 */
final class IncrementalSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSnapshot.class);
    private static final Pattern COLLECTIONS = Pattern.compile("\"data-collections\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final String EXECUTE = "execute-snapshot";
    static final String STOP = "stop-snapshot";
    static final String OPEN = "snapshot-window-open";
    static final String CLOSE = "snapshot-window-close";

    /**
     * Rows of a closed chunk, ready to be emitted in stream order, and the progress their offsets carry: the one
     * from before the chunk, so that a restart in the middle of its rows reads the chunk again.
     */
    record Chunk(CapturedTable table, List<TupleData> rows, String progressBefore) {
    }

    private final TableId signalTable;
    private final int chunkSize;
    private final Connection sql;
    private final Catalog catalog;
    private final TableFilter filter;
    private final TableSchemaBuilder schemaBuilder;
    private final Deque<TableId> pending = new ArrayDeque<>();
    private List<String> signalColumns;

    // The table being read and its current chunk.
    private TableDefinition definition;
    private CapturedTable table;
    private List<String> lastKey;
    private String chunkId;
    private boolean windowOpen;
    private boolean lastChunk;
    private Map<List<String>, TupleData> buffer;
    /** The key of the last row emitted from the current table; null before its first chunk. */
    private List<String> emittedKey;
    /** A table restored from an offset, read from after {@link #resumeKey} before the pending ones. */
    private TableId resumeTable;
    private List<String> resumeKey;
    private String progress;
    private boolean progressStale = true;

    IncrementalSnapshot(TableId signalTable, int chunkSize, Connection sql, Catalog catalog, TableFilter filter,
            TableSchemaBuilder schemaBuilder) {
        this.signalTable = signalTable;
        this.chunkSize = chunkSize;
        this.sql = sql;
        this.catalog = catalog;
        this.filter = filter;
        this.schemaBuilder = schemaBuilder;
    }

    boolean isSignalTable(TableId id) {
        return signalTable.equals(id);
    }

    /**
     * An INSERT into the signal table (columns id, type, data in that order). Returns the chunk to emit when the
     * row is the close watermark of the current chunk, else null.
     */
    Chunk onSignal(TupleData row) {
        if (row.size() < 3) {
            LOG.warn("Signal table {} needs three columns (id, type, data); ignoring a row", signalTable);
            return null;
        }
        String id = row.text(0);
        String type = row.text(1);
        String data = row.text(2);
        if (EXECUTE.equals(type)) {
            requested(id, data);
        } else if (STOP.equals(type)) {
            LOG.info("Signal {}: stopping the incremental snapshot", id);
            pending.clear();
            definition = null;
            chunkId = null;
            resumeTable = null;
            progressStale = true;
        } else if (OPEN.equals(type) && chunkId != null && (chunkId + "-open").equals(id)) {
            windowOpen = true;
        } else if (CLOSE.equals(type) && chunkId != null && (chunkId + "-close").equals(id)) {
            Chunk chunk = new Chunk(table, new ArrayList<>(buffer.values()), progress());
            windowOpen = false;
            chunkId = null;
            buffer = null;
            emittedKey = lastKey;
            if (lastChunk) {
                LOG.info("Incremental snapshot of {} completed", definition.id());
                definition = null;
            }
            progressStale = true;
            return chunk;
        }
        return null;
    }

    /** A streamed change of {@code changed} touching the row with this key: the streamed value wins. */
    void onChange(TableId changed, CapturedTable streamedTable, TupleData tuple) {
        if (!windowOpen || definition == null || !definition.id().equals(changed) || tuple == null) {
            return;
        }
        List<String> key = new ArrayList<>();
        for (int index : streamedTable.keyColumns()) {
            key.add(tuple.text(index));
        }
        buffer.remove(key);
    }

    /** Between transactions: starts the next chunk if there is work and no chunk is in flight. */
    void maybeReadChunk(StreamedTables tables) throws SQLException {
        if (chunkId != null) {
            return;
        }
        while (definition == null) {
            TableId next = resumeTable != null ? resumeTable : pending.poll();
            List<String> startKey = resumeTable != null ? resumeKey : null;
            resumeTable = null;
            resumeKey = null;
            if (next == null) {
                return;
            }
            startTable(next, tables, startKey);
            progressStale = true;
        }
        // The watermark rows' ids are the chunk id plus -open / -close (the id column is usually a primary key).
        chunkId = UUID.randomUUID().toString();
        writeSignal(chunkId + "-open", OPEN);
        readChunk();
        writeSignal(chunkId + "-close", CLOSE);
    }

    private void requested(String id, String data) {
        if (data != null && data.contains("\"type\"") && data.matches("(?s).*\"type\"\\s*:\\s*\"(?i:blocking)\".*")) {
            LOG.warn("Signal {}: blocking snapshots are not supported; running it as an incremental snapshot", id);
        }
        Matcher m = data == null ? null : COLLECTIONS.matcher(data);
        if (m == null || !m.find()) {
            LOG.warn("Signal {}: no data-collections in {}; ignored", id, data);
            return;
        }
        Matcher q = QUOTED.matcher(m.group(1));
        while (q.find()) {
            String name = q.group(1).replace("\\\"", "\"");
            int dot = name.indexOf('.');
            if (dot <= 0) {
                LOG.warn("Signal {}: '{}' is not schema.table; ignored", id, name);
                continue;
            }
            TableId tableId = new TableId(name.substring(0, dot), name.substring(dot + 1));
            if (!filter.includesTable(tableId.schema(), tableId.table())) {
                LOG.warn("Signal {}: {} is not captured (check the include/exclude lists); ignored", id, tableId);
                continue;
            }
            LOG.info("Signal {}: incremental snapshot of {} requested", id, tableId);
            pending.add(tableId);
            progressStale = true;
        }
    }

    private void startTable(TableId id, StreamedTables tables, List<String> startKey) throws SQLException {
        TableDefinition read = catalog.read(id).orElse(null);
        if (read == null) {
            LOG.warn("Incremental snapshot: table {} does not exist; skipped", id);
            return;
        }
        if (read.primaryKey().isEmpty()) {
            LOG.warn("Incremental snapshot: table {} has no primary key to read it in chunks by; skipped", id);
            return;
        }
        definition = read;
        table = tables.current(id).orElseGet(() -> schemaBuilder.build(read,
                read.columns().stream().map(ColumnDefinition::name).collect(Collectors.toList())));
        lastKey = startKey;
        emittedKey = startKey;
        lastChunk = false;
        LOG.info(startKey == null ? "Incremental snapshot of {} started" : "Incremental snapshot of {} continues after "
                + "key {}", id, startKey);
    }

    private void readChunk() throws SQLException {
        List<String> pk = definition.primaryKey();
        String columns = table.columnNames().stream().map(TableId::quote).collect(Collectors.joining(", "));
        String keyList = pk.stream().map(TableId::quote).collect(Collectors.joining(", "));
        StringBuilder select = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(definition.id().quoted());
        if (lastKey != null) {
            select.append(" WHERE (").append(keyList).append(") > (");
            for (int k = 0; k < pk.size(); k++) {
                select.append(k == 0 ? "" : ", ").append("CAST(? AS ").append(definition.column(pk.get(k)).sqlType())
                        .append(')');
            }
            select.append(')');
        }
        select.append(" ORDER BY ").append(keyList).append(" LIMIT ").append(chunkSize);
        int[] keyIndexes = table.keyColumns();
        int n = table.columnNames().size();
        buffer = new LinkedHashMap<>();
        try (PreparedStatement st = sql.prepareStatement(select.toString())) {
            if (lastKey != null) {
                for (int k = 0; k < lastKey.size(); k++) {
                    st.setString(k + 1, lastKey.get(k));
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                List<String> key = null;
                while (rs.next()) {
                    byte[] kinds = new byte[n];
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = rs.getString(i + 1);
                        kinds[i] = values[i] == null ? TupleData.NULL : TupleData.TEXT;
                    }
                    key = new ArrayList<>(keyIndexes.length);
                    for (int index : keyIndexes) {
                        key.add(values[index]);
                    }
                    buffer.put(key, new TupleData(kinds, values));
                }
                lastChunk = buffer.size() < chunkSize;
                if (key != null) {
                    lastKey = key;
                }
            }
        }
    }

    /**
     * Where the incremental snapshot stands, for the offsets: {@code v1|<table>|<key>|<pending tables>} with each
     * name and key value URL-encoded; null when none runs.
     */
    String progress() {
        if (progressStale) {
            progress = encodeProgress();
            progressStale = false;
        }
        return progress;
    }

    private String encodeProgress() {
        TableId current = definition != null ? definition.id() : resumeTable;
        List<String> key = definition != null ? emittedKey : resumeKey;
        if (current == null && pending.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("v1|");
        if (current != null) {
            out.append(encode(current));
        }
        out.append('|');
        if (key != null) {
            out.append(key.stream().map(value -> "=" + encode(value)).collect(Collectors.joining(",")));
        }
        out.append('|').append(pending.stream().map(IncrementalSnapshot::encode).collect(Collectors.joining(",")));
        return out.toString();
    }

    /** Continues the incremental snapshot a stored offset describes (see {@link #progress()}). */
    void restore(String stored) {
        if (stored == null) {
            return;
        }
        String[] parts = stored.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            LOG.warn("Ignoring incremental snapshot progress '{}' in the offset: not understood; send the signal again",
                    stored);
            return;
        }
        resumeTable = parts[1].isEmpty() ? null : decodeTable(parts[1]);
        resumeKey = parts[2].isEmpty() ? null : java.util.Arrays.stream(parts[2].split(",", -1))
                .map(value -> decode(value.substring(1))).collect(Collectors.toList());
        if (!parts[3].isEmpty()) {
            for (String name : parts[3].split(",", -1)) {
                pending.add(decodeTable(name));
            }
        }
        progressStale = true;
        LOG.info("Incremental snapshot continues from the offset: {} after key {}, then {}", resumeTable, resumeKey,
                pending);
    }

    private static String encode(TableId id) {
        return encode(id.schema()) + "." + encode(id.table());
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace(".", "%2E");
    }

    private static TableId decodeTable(String encoded) {
        int dot = encoded.indexOf('.');
        return new TableId(decode(encoded.substring(0, dot)), decode(encoded.substring(dot + 1)));
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void writeSignal(String id, String type) throws SQLException {
        if (signalColumns == null) {
            signalColumns = catalog.read(signalTable).map(d -> d.columns().stream().limit(3).map(ColumnDefinition::name)
                    .collect(Collectors.toList())).orElseThrow(() -> new SQLException("Signal table " + signalTable
                    + " does not exist"));
        }
        String statement = "INSERT INTO " + signalTable.quoted() + " ("
                + signalColumns.stream().map(TableId::quote).collect(Collectors.joining(", ")) + ") VALUES (?, ?, ?)";
        try (PreparedStatement st = sql.prepareStatement(statement)) {
            st.setString(1, id);
            st.setString(2, type);
            st.setString(3, null);
            st.executeUpdate();
        }
    }
}
