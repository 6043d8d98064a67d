package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.sluice.cdc.mysql.config.CaptureConfig;
import io.sluice.cdc.mysql.metrics.StreamingMetrics;
import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SchemaChangeSchemas.ChangeType;
import io.sluice.schema.event.SchemaChangeSchemas.TableChange;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.TransactionSchemas;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns binlog events into records, tracking the position a restart resumes from (see {@link BinlogOffset}).
 * Runs on the binlog reader's thread only.
 */
final class BinlogEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogEventHandler.class);
    private static final int MARIADB_FL_STANDALONE = 1;
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s*(/\\*.*?\\*/|#[^\\n]*\\n|--[^\\n]*\\n))*\\s*",
            Pattern.DOTALL);
    private static final Pattern DDL = Pattern.compile("^(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String IDENTIFIER = "(`(?:[^`]|``)+`|[\\w$\\u0080-\\uFFFF]+)";
    private static final Pattern TRUNCATE = Pattern.compile(
            "^TRUNCATE\\s+(?:TABLE\\s+)?" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final StreamedTables tables;
    private final TableCatalog catalog;
    private final ChangeRecords records;
    private final SchemaChangeRecords schemaChanges;
    private final RecordQueue queue;
    private final CaptureConfig capture;
    private final StreamingMetrics metrics;
    private final long heartbeatIntervalMs;
    private final GtidPositions gtids;
    private final Map<TableId, TableDefinition> knownDefinitions = new HashMap<>();
    private IncrementalSnapshot incremental;

    private String file;
    private BinlogOffset committed;
    private BinlogOffset reconnectFrom;
    private long payloadEnd;

    // The transaction being read.
    private boolean inTransaction;
    private boolean transactionStarted;
    private String transactionFile;
    private long transactionPosition;
    private String transactionGtid;
    private boolean transactionExcluded;
    private Long transactionThread;
    private long rowsEvents;
    private long doneEvents;
    private long doneRows;
    private String transactionId;
    private long transactionOrder;
    private Map<String, Long> eventsPerTable;

    // How much of the first transaction was written before the restart.
    private long skipEvents;
    private long skipRows;

    private long lastRecordMs = System.currentTimeMillis();

    BinlogEventHandler(StreamedTables tables, TableCatalog catalog, ChangeRecords records, RecordQueue queue,
            CaptureConfig capture, StreamingMetrics metrics, long heartbeatIntervalMs, boolean mariaDb,
            BinlogOffset start) {
        this.tables = tables;
        this.catalog = catalog;
        this.records = records;
        this.schemaChanges = new SchemaChangeRecords(records.topicPrefix());
        this.queue = queue;
        this.capture = capture;
        this.metrics = metrics;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.gtids = GtidPositions.parse(start.gtids(), mariaDb);
        this.file = start.file();
        this.committed = BinlogOffset.at(start.file(), start.position(), start.gtids());
        // Until the first transaction is read again, a reconnection must skip what was written of it.
        this.reconnectFrom = start.events() > 0 || start.rows() > 0 ? start.withSnapshot(false, null) : null;
        this.skipEvents = start.events();
        this.skipRows = start.rows();
    }

    /** Reads incremental snapshot signals and chunks (signal.data.collection is set). */
    void incrementalSnapshot(IncrementalSnapshot snapshot) {
        this.incremental = snapshot;
    }

    /**
     * Where a new connection must start: the start of the transaction cut by the last disconnection (its progress
     * is skipped when it is read again), or the position after the last finished transaction.
     */
    BinlogOffset resumeOffset() {
        return reconnectFrom != null ? reconnectFrom : committed;
    }

    /** Forgets the transaction in progress when the connection drops; {@link #resumeOffset()} re-reads it. */
    void onDisconnect() {
        if (transactionStarted) {
            reconnectFrom = BinlogOffset.at(transactionFile, transactionPosition, committed.gtids())
                    .within(doneEvents, doneRows);
            skipEvents = doneEvents;
            skipRows = doneRows;
        }
        clearTransaction();
    }

    void handle(Event event) throws InterruptedException, SQLException {
        EventHeaderV4 header = event.getHeader();
        EventType type = header.getEventType();
        metrics.onEvent(file, header.getPosition(), header.getTimestamp());
        switch (type) {
            case ROTATE -> onRotate(event.getData());
            case MARIADB_GTID -> onMariaDbGtid(header, event.getData());
            case GTID -> onMySqlGtid(header, event.getData());
            case ANONYMOUS_GTID -> startTransaction(header, null);
            case QUERY -> onQuery(header, event.getData());
            case TABLE_MAP -> tables.onTableMap(event.getData());
            case WRITE_ROWS, EXT_WRITE_ROWS -> onWrite(header, event.getData());
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> onUpdate(header, event.getData());
            case DELETE_ROWS, EXT_DELETE_ROWS -> onDelete(header, event.getData());
            case XID -> commit(header);
            case HEARTBEAT -> maybeHeartbeat();
            case TRANSACTION_PAYLOAD -> {
                // MySQL's binlog_transaction_compression: the transaction's events travel inside one event.
                // Inner events carry no binlog position of their own: a commit inside ends at the payload's end.
                payloadEnd = header.getNextPosition();
                try {
                    for (Event inner : ((TransactionPayloadEventData) event.getData()).getUncompressedEvents()) {
                        handle(inner);
                    }
                } finally {
                    payloadEnd = 0;
                }
            }
            default -> {
            }
        }
        if (incremental != null && !transactionStarted) {
            // Between transactions: the place to read an incremental snapshot chunk, between its watermarks.
            incremental.maybeReadChunk();
        }
    }

    private void onRotate(RotateEventData data) {
        file = data.getBinlogFilename();
        if (!transactionStarted) {
            committed = BinlogOffset.at(file, data.getBinlogPosition(), committed.gtids());
        }
    }

    private void onMariaDbGtid(EventHeaderV4 header, MariadbGtidEventData data) {
        // The server id of a MariaDB GTID is the one in the event header.
        String gtid = data.getDomainId() + "-" + header.getServerId() + "-" + data.getSequence();
        startTransaction(header, gtid);
        transactionExcluded = !capture.includesGtidSource(data.getDomainId() + "-" + header.getServerId());
        // A standalone GTID (DDL, non-transactional statement) is followed by one statement and no commit.
        inTransaction = (data.getFlags() & MARIADB_FL_STANDALONE) == 0;
    }

    private void onMySqlGtid(EventHeaderV4 header, GtidEventData data) {
        String gtid = data.getMySqlGtid().toString();
        startTransaction(header, gtid);
        transactionExcluded = !capture.includesGtidSource(data.getMySqlGtid().getServerId().toString());
    }

    private void startTransaction(EventHeaderV4 header, String gtid) {
        transactionStarted = true;
        transactionFile = file;
        transactionPosition = header.getPosition();
        transactionGtid = gtid;
        transactionExcluded = false;
        rowsEvents = 0;
        doneEvents = skipEvents;
        doneRows = skipRows;
    }

    private void onQuery(EventHeaderV4 header, QueryEventData data) throws InterruptedException, SQLException {
        String sql = LEADING_COMMENTS.matcher(data.getSql()).replaceFirst("");
        String upper = sql.length() > 16 ? sql.substring(0, 16).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
        if (upper.startsWith("BEGIN") || upper.startsWith("XA START")) {
            if (!transactionStarted) {
                startTransaction(header, null);
            }
            inTransaction = true;
            transactionThread = data.getThreadId();
            return;
        }
        if (upper.startsWith("COMMIT") || upper.startsWith("ROLLBACK") || upper.startsWith("XA END")
                || upper.startsWith("XA COMMIT")) {
            commit(header);
            return;
        }
        if (upper.startsWith("SAVEPOINT") || upper.startsWith("XA PREPARE")) {
            return;
        }
        if (!transactionStarted) {
            startTransaction(header, null);
        }
        boolean standalone = !inTransaction;
        if (DDL.matcher(sql).find()) {
            onDdl(header, data, sql);
        }
        if (standalone) {
            commit(header);
        }
    }

    private void onDdl(EventHeaderV4 header, QueryEventData data, String sql) throws InterruptedException, SQLException {
        String database = data.getDatabase();
        Matcher truncate = TRUNCATE.matcher(sql.trim());
        if (truncate.matches()) {
            String first = unquote(truncate.group(1));
            TableId id = truncate.group(2) == null ? new TableId(database, first)
                    : new TableId(first, unquote(truncate.group(2)));
            onTruncate(header, id, data.getThreadId());
            return;
        }
        String lowerSql = sql.toLowerCase(Locale.ROOT);
        String queryDatabase = database == null ? "" : database;
        // Without a DDL parser: a statement may change tables of its default database or of any database it names.
        java.util.function.Predicate<String> changed = db -> db.equals(queryDatabase)
                || lowerSql.contains(db.toLowerCase(Locale.ROOT));
        tables.invalidate(changed);
        if (incremental != null) {
            incremental.onSchemaChange(changed);
        }
        boolean captured = catalog.isCapturedDatabase(queryDatabase)
                || knownDefinitions.keySet().stream().anyMatch(id -> mentions(lowerSql, id.database()));
        if (!captured) {
            LOG.debug("DDL at {}:{} outside the captured databases: {}", file, header.getPosition(), sql);
            return;
        }
        LOG.info("DDL at {}:{}: {}", file, header.getPosition(), sql);
        if (!capture.includeSchemaChanges() || transactionExcluded) {
            return;
        }
        Set<String> databases = new LinkedHashSet<>();
        if (database != null && !database.isEmpty() && catalog.isCapturedDatabase(database)) {
            databases.add(database);
        }
        for (TableId known : knownDefinitions.keySet()) {
            if (mentions(lowerSql, known.database())) {
                databases.add(known.database());
            }
        }
        boolean create = lowerSql.startsWith("create");
        BinlogOffset after = offsetAfter(header);
        for (String db : databases) {
            List<TableChange> changes = tableChanges(db, create);
            if (changes.isEmpty() && !db.equals(queryDatabase)) {
                // The statement only mentioned the name; it ran elsewhere and changed nothing here.
                continue;
            }
            Struct source = records.source(db, null, SnapshotMarker.FALSE, header.getTimestamp(),
                    header.getServerId(), transactionGtid, file, header.getPosition(), 0, data.getThreadId());
            emit(schemaChanges.record(db, sql, changes, source, header.getTimestamp(), after.toMap()));
        }
    }

    /** Whether the statement names the database as a whole identifier (not as part of a longer name). */
    static boolean mentions(String lowerSql, String database) {
        String name = database.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lowerSql.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            int end = at + name.length();
            if ((at == 0 || !isIdentifierPart(lowerSql.charAt(at - 1)))
                    && (end == lowerSql.length() || !isIdentifierPart(lowerSql.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** What the statement changed in one database: its captured tables now, compared with what we knew. */
    private List<TableChange> tableChanges(String database, boolean create) throws SQLException {
        List<TableChange> changes = new ArrayList<>();
        Set<TableId> present = new LinkedHashSet<>(catalog.capturedTables(database));
        for (TableId id : present) {
            TableDefinition now = catalog.read(id);
            TableDefinition before = knownDefinitions.put(id, now);
            if (now != null && !now.equals(before)) {
                changes.add(SchemaChangeRecords.change(before == null && create ? ChangeType.CREATE : ChangeType.ALTER,
                        id, now));
            }
        }
        for (TableId id : new ArrayList<>(knownDefinitions.keySet())) {
            if (id.database().equals(database) && !present.contains(id)) {
                knownDefinitions.remove(id);
                changes.add(SchemaChangeRecords.change(ChangeType.DROP, id, null));
            }
        }
        return changes;
    }

    /**
     * Remembers the captured tables' structure as of the streaming start, so later DDL events can tell what changed.
     * Read before the start position is taken, so that no change falls between the two.
     */
    void knownDefinitions(Map<TableId, TableDefinition> definitions) {
        knownDefinitions.putAll(definitions);
    }

    /** The captured tables' current structure, keyed by table. */
    static Map<TableId, TableDefinition> readDefinitions(TableCatalog catalog) throws SQLException {
        Map<TableId, TableDefinition> definitions = new HashMap<>();
        for (TableId id : catalog.capturedTables()) {
            TableDefinition definition = catalog.read(id);
            if (definition != null) {
                definitions.put(id, definition);
            }
        }
        return definitions;
    }

    private void onTruncate(EventHeaderV4 header, TableId id, long thread) throws InterruptedException, SQLException {
        if (incremental != null && !transactionExcluded) {
            incremental.onTruncate(id);
        }
        if (transactionExcluded || !catalog.isCaptured(id) || capture.skips(Operation.TRUNCATE)) {
            return;
        }
        CapturedTable table = tables.fromCatalog(id);
        if (table == null) {
            return;
        }
        Struct source = records.source(id.database(), id.table(), SnapshotMarker.FALSE, header.getTimestamp(),
                header.getServerId(), transactionGtid, file, header.getPosition(), 0, thread);
        emit(records.truncate(table, source, offsetAfter(header).toMap(), transactionBlock(table)));
    }

    private static String unquote(String identifier) {
        if (identifier.startsWith("`")) {
            return identifier.substring(1, identifier.length() - 1).replace("``", "`");
        }
        return identifier;
    }

    private void onWrite(EventHeaderV4 header, WriteRowsEventData data) throws InterruptedException {
        long eventIndex = rowsEvents++;
        int first = firstRowToWrite(eventIndex);
        CapturedTable table = tableToWrite(data.getTableId(), first, data.getRows().size());
        if (table != null) {
            checkFullImage(table, data.getIncludedColumns());
            List<Serializable[]> rows = data.getRows();
            boolean skip = capture.skips(Operation.CREATE);
            for (int r = first; r < rows.size(); r++) {
                if (!skip) {
                    Object[] row = rows.get(r);
                    changed(table, row);
                    emit(records.change(table, Operation.CREATE, null, row, source(header, table, r),
                            within(eventIndex, r + 1), transactionBlock(table)));
                }
                progress(eventIndex, r + 1);
            }
            metrics.onRows(rows.size() - first);
        }
        if (incremental != null && first >= 0 && !transactionExcluded
                && incremental.isSignalTable(tables.tableId(data.getTableId()))) {
            onSignals(header, eventIndex, first, data.getRows());
        }
    }

    /** Rows inserted into the signal table: snapshot requests and the watermarks of our own chunks. */
    private void onSignals(EventHeaderV4 header, long eventIndex, int first, List<Serializable[]> rows)
            throws InterruptedException {
        for (int r = first; r < rows.size(); r++) {
            IncrementalSnapshot.Chunk chunk = incremental.onSignal(rows.get(r));
            if (chunk != null) {
                writeChunk(header, chunk, within(eventIndex, r + 1));
                progress(eventIndex, r + 1);
            }
        }
    }

    /**
     * Writes a closed chunk's rows where its close watermark is in the binlog. Every row carries the position after
     * the watermark; only the last carries the progress including the chunk, so a restart in the middle of the chunk
     * reads the whole chunk again.
     */
    private void writeChunk(EventHeaderV4 header, IncrementalSnapshot.Chunk chunk, Map<String, ?> offset)
            throws InterruptedException {
        CapturedTable table = chunk.table();
        List<Object[]> rows = chunk.rows();
        if (rows.isEmpty()) {
            incremental.written(chunk);
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (i == rows.size() - 1) {
                incremental.written(chunk);
            }
            Struct source = records.source(table.id().database(), table.id().table(), SnapshotMarker.INCREMENTAL,
                    header.getTimestamp(), header.getServerId(), transactionGtid, file, header.getPosition(), 0,
                    transactionThread);
            emit(records.change(table, Operation.READ, null, rows.get(i), source, offset, null));
        }
    }

    /** A row image streamed for a captured table: an incremental snapshot chunk in flight drops its own copy. */
    private void changed(CapturedTable table, Object[] row) {
        if (incremental != null) {
            incremental.onChange(table, row);
        }
    }

    private void onUpdate(EventHeaderV4 header, UpdateRowsEventData data) throws InterruptedException {
        long eventIndex = rowsEvents++;
        int first = firstRowToWrite(eventIndex);
        CapturedTable table = tableToWrite(data.getTableId(), first, data.getRows().size());
        if (table == null) {
            return;
        }
        checkFullImage(table, data.getIncludedColumns());
        checkFullImage(table, data.getIncludedColumnsBeforeUpdate());
        List<Map.Entry<Serializable[], Serializable[]>> rows = data.getRows();
        boolean skip = capture.skips(Operation.UPDATE);
        for (int r = first; r < rows.size(); r++) {
            Object[] before = rows.get(r).getKey();
            Object[] after = rows.get(r).getValue();
            if (!skip) {
                changed(table, before);
                changed(table, after);
                Struct source = source(header, table, r);
                if (table.hasKey() && !table.sameKey(before, after)) {
                    // A new key is a new row to consumers: delete (and tombstone) the old key, create the new one.
                    Map<String, ?> partial = within(eventIndex, r);
                    emit(records.change(table, Operation.DELETE, before, null, source, partial,
                            transactionBlock(table)));
                    if (capture.tombstonesOnDelete() && table.hasKey()) {
                        emit(records.tombstone(table, before, partial));
                    }
                    emit(records.change(table, Operation.CREATE, null, after, source(header, table, r),
                            within(eventIndex, r + 1), transactionBlock(table)));
                } else {
                    emit(records.change(table, Operation.UPDATE, before, after, source, within(eventIndex, r + 1),
                            transactionBlock(table)));
                }
            }
            progress(eventIndex, r + 1);
        }
        metrics.onRows(rows.size() - first);
    }

    private void onDelete(EventHeaderV4 header, DeleteRowsEventData data) throws InterruptedException {
        long eventIndex = rowsEvents++;
        int first = firstRowToWrite(eventIndex);
        CapturedTable table = tableToWrite(data.getTableId(), first, data.getRows().size());
        if (table == null) {
            return;
        }
        checkFullImage(table, data.getIncludedColumns());
        List<Serializable[]> rows = data.getRows();
        boolean skip = capture.skips(Operation.DELETE);
        for (int r = first; r < rows.size(); r++) {
            if (!skip) {
                Object[] row = rows.get(r);
                changed(table, row);
                if (capture.tombstonesOnDelete() && table.hasKey()) {
                    emit(records.change(table, Operation.DELETE, row, null, source(header, table, r),
                            within(eventIndex, r), transactionBlock(table)));
                    emit(records.tombstone(table, row, within(eventIndex, r + 1)));
                } else {
                    emit(records.change(table, Operation.DELETE, row, null, source(header, table, r),
                            within(eventIndex, r + 1), transactionBlock(table)));
                }
            }
            progress(eventIndex, r + 1);
        }
        metrics.onRows(rows.size() - first);
    }

    /** The first row of this rows event still to write after a restart, or -1 when the whole event was written. */
    /**
     * The captured table of a rows event, or null when the event is not written: its table is not captured,
     * its transaction is excluded, or a restart already delivered all its rows ({@code first} &lt; 0).
     */
    private CapturedTable tableToWrite(long tableId, int first, int rowCount) {
        CapturedTable table = tables.forTableId(tableId);
        if (table == null || first < 0 || transactionExcluded) {
            if (first >= 0) {
                metrics.onRowsFiltered(rowCount);
            }
            return null;
        }
        return table;
    }

    private int firstRowToWrite(long eventIndex) {
        if (eventIndex < skipEvents) {
            return -1;
        }
        if (eventIndex == skipEvents) {
            return (int) skipRows;
        }
        return 0;
    }

    private void progress(long eventIndex, long rowsDone) {
        doneEvents = eventIndex;
        doneRows = rowsDone;
    }

    private static void checkFullImage(CapturedTable table, BitSet included) {
        if (included != null && included.cardinality() != table.columnCount()) {
            throw new ConnectException("A row event of " + table.id() + " carries " + included.cardinality() + " of "
                    + table.columnCount() + " columns: set binlog_row_image=FULL on the server");
        }
    }

    private Map<String, ?> within(long eventIndex, long rows) {
        return new BinlogOffset(transactionFile, transactionPosition, committed.gtids(), eventIndex, rows, false,
                null).toMap();
    }

    private Struct source(EventHeaderV4 header, CapturedTable table, int row) {
        return records.source(table.id().database(), table.id().table(), SnapshotMarker.FALSE, header.getTimestamp(),
                header.getServerId(), transactionGtid, file, header.getPosition(), row, transactionThread);
    }

    private Struct transactionBlock(CapturedTable table) throws InterruptedException {
        if (!capture.provideTransactionMetadata()) {
            return null;
        }
        if (transactionId == null) {
            transactionId = transactionGtid != null ? transactionGtid : transactionFile + ":" + transactionPosition;
            eventsPerTable = new LinkedHashMap<>();
            transactionOrder = 0;
            emit(new SourceRecord(records.partition(), within(doneEvents, doneRows),
                    records.topicPrefix() + ".transaction", null, TransactionSchemas.keySchema(),
                    TransactionSchemas.key(transactionId), TransactionSchemas.valueSchema(),
                    TransactionSchemas.begin(transactionId, System.currentTimeMillis())));
        }
        long tableOrder = eventsPerTable.merge(table.id().collectionName(), 1L, Long::sum);
        return TransactionSchemas.block(transactionId, ++transactionOrder, tableOrder);
    }

    private BinlogOffset offsetAfter(EventHeaderV4 header) {
        GtidPositions after = GtidPositions.parse(committed.gtids(), gtidsAreMariaDb());
        if (transactionGtid != null) {
            after.add(transactionGtid);
        }
        return BinlogOffset.at(file, header.getNextPosition(), after.toString());
    }

    private boolean gtidsAreMariaDb() {
        return gtids.isMariaDb();
    }

    private void commit(EventHeaderV4 header) throws InterruptedException {
        if (transactionGtid != null) {
            gtids.add(transactionGtid);
        }
        committed = BinlogOffset.at(file, payloadEnd > 0 ? payloadEnd : header.getNextPosition(), gtids.toString());
        if (transactionId != null) {
            emit(new SourceRecord(records.partition(), committed.toMap(), records.topicPrefix() + ".transaction",
                    null, TransactionSchemas.keySchema(), TransactionSchemas.key(transactionId),
                    TransactionSchemas.valueSchema(),
                    TransactionSchemas.end(transactionId, System.currentTimeMillis(), eventsPerTable)));
        }
        clearTransaction();
        skipEvents = 0;
        skipRows = 0;
        reconnectFrom = null;
        maybeHeartbeat();
    }

    private void clearTransaction() {
        inTransaction = false;
        transactionStarted = false;
        transactionGtid = null;
        transactionExcluded = false;
        transactionThread = null;
        transactionId = null;
        eventsPerTable = null;
        rowsEvents = 0;
    }

    private void maybeHeartbeat() throws InterruptedException {
        // Not while a transaction cut by a restart waits to be read again: the heartbeat would skip its rest.
        if (heartbeatIntervalMs <= 0 || transactionStarted || reconnectFrom != null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastRecordMs >= heartbeatIntervalMs) {
            emit(records.heartbeat(committed.toMap()));
        }
    }

    private void emit(SourceRecord record) throws InterruptedException {
        String progress = incremental == null ? null : incremental.progress();
        if (progress != null) {
            // Every offset carries the incremental snapshot's progress: the last one committed is what a restart sees.
            Map<String, Object> offset = new HashMap<>(record.sourceOffset());
            offset.put(BinlogOffset.INCREMENTAL_SNAPSHOT, progress);
            record = new SourceRecord(record.sourcePartition(), offset, record.topic(), record.kafkaPartition(),
                    record.keySchema(), record.key(), record.valueSchema(), record.value());
        }
        queue.put(record);
        lastRecordMs = System.currentTimeMillis();
    }

    /** The position after the last finished transaction. */
    BinlogOffset committed() {
        return committed;
    }
}
