package io.sluice.cdc.mysql.stream;

import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.schema.SluiceVersion;
import io.sluice.schema.event.HeartbeatSchemas;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.SourceSchemas;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds the records the connector writes: change events, tombstones, heartbeats. Shared by snapshot and stream. */
public final class ChangeRecords {

    private static final Schema SOURCE = SourceSchemas.mysql();
    private static final Field VERSION = SOURCE.field(SourceSchemas.VERSION);
    private static final Field CONNECTOR = SOURCE.field(SourceSchemas.CONNECTOR);
    private static final Field NAME = SOURCE.field(SourceSchemas.NAME);
    private static final Field TS_MS = SOURCE.field(SourceSchemas.TS_MS);
    private static final Field TS_US = SOURCE.field(SourceSchemas.TS_US);
    private static final Field TS_NS = SOURCE.field(SourceSchemas.TS_NS);
    private static final Field SNAPSHOT = SOURCE.field(SourceSchemas.SNAPSHOT);
    private static final Field DB = SOURCE.field(SourceSchemas.DB);
    private static final Field TABLE = SOURCE.field(SourceSchemas.TABLE);
    private static final Field SERVER_ID = SOURCE.field(SourceSchemas.SERVER_ID);
    private static final Field GTID = SOURCE.field(SourceSchemas.GTID);
    private static final Field FILE = SOURCE.field(SourceSchemas.FILE);
    private static final Field POS = SOURCE.field(SourceSchemas.POS);
    private static final Field ROW = SOURCE.field(SourceSchemas.ROW);
    private static final Field THREAD = SOURCE.field(SourceSchemas.THREAD);

    private final String topicPrefix;
    private final Map<String, String> partition;
    private final String version = SluiceVersion.get();
    private final String heartbeatTopic;

    public ChangeRecords(String topicPrefix, String heartbeatTopic) {
        this.topicPrefix = topicPrefix;
        this.partition = BinlogOffset.partition(topicPrefix);
        this.heartbeatTopic = heartbeatTopic;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public Map<String, String> partition() {
        return partition;
    }

    /** The {@code source} block of one event. */
    public Struct source(String database, String table, SnapshotMarker snapshot, long tsMs, long serverId,
            String gtid, String file, long position, int row, Long thread) {
        Struct source = new Struct(SOURCE);
        source.put(VERSION, version);
        source.put(CONNECTOR, SourceSchemas.MYSQL_CONNECTOR);
        source.put(NAME, topicPrefix);
        source.put(TS_MS, tsMs);
        source.put(TS_US, tsMs * 1000);
        source.put(TS_NS, tsMs * 1_000_000);
        source.put(SNAPSHOT, snapshot.value());
        source.put(DB, database);
        source.put(TABLE, table);
        source.put(SERVER_ID, serverId);
        source.put(GTID, gtid);
        source.put(FILE, file == null ? "" : file);
        source.put(POS, position);
        source.put(ROW, row);
        source.put(THREAD, thread);
        return source;
    }

    /** A change event: {@code before} and {@code after} are whole rows in table column order (null when absent). */
    public SourceRecord change(CapturedTable table, Operation operation, Object[] before, Object[] after,
            Struct source, Map<String, ?> offset, Struct transaction) {
        Struct key = table.key(after != null ? after : before);
        Struct value = table.schema().envelope(operation, before == null ? null : table.value(before),
                after == null ? null : table.value(after), source, System.currentTimeMillis() * 1_000_000L,
                transaction);
        return new SourceRecord(partition, offset, table.topic(), null, table.schema().keySchema(), key,
                table.schema().envelopeSchema(), value);
    }

    /** The tombstone after a delete: the deleted row's key and a null value. */
    public SourceRecord tombstone(CapturedTable table, Object[] deleted, Map<String, ?> offset) {
        return new SourceRecord(partition, offset, table.topic(), null, table.schema().keySchema(),
                table.key(deleted), null, null);
    }

    /** A truncate event (no key, no rows). */
    public SourceRecord truncate(CapturedTable table, Struct source, Map<String, ?> offset, Struct transaction) {
        Struct value = table.schema().envelope(Operation.TRUNCATE, null, null, source,
                System.currentTimeMillis() * 1_000_000L, transaction);
        return new SourceRecord(partition, offset, table.topic(), null, null, null,
                table.schema().envelopeSchema(), value);
    }

    /** A heartbeat carrying the current offset. */
    public SourceRecord heartbeat(Map<String, ?> offset) {
        return new SourceRecord(partition, offset, heartbeatTopic, null, HeartbeatSchemas.keySchema(),
                HeartbeatSchemas.key(topicPrefix), HeartbeatSchemas.valueSchema(),
                HeartbeatSchemas.value(System.currentTimeMillis()));
    }
}
