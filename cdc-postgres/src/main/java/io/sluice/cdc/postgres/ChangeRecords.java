package io.sluice.cdc.postgres;

import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.schema.SluiceVersion;
import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.HeartbeatSchemas;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.SourceSchemas;
import io.sluice.schema.event.TransactionSchemas;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds the connector's records: change events, tombstones, transaction metadata and heartbeats. */
public final class ChangeRecords {

    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
    public static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private static final Schema SOURCE = SourceSchemas.postgres();
    private static final Field F_VERSION = SOURCE.field(SourceSchemas.VERSION);
    private static final Field F_CONNECTOR = SOURCE.field(SourceSchemas.CONNECTOR);
    private static final Field F_NAME = SOURCE.field(SourceSchemas.NAME);
    private static final Field F_TS_MS = SOURCE.field(SourceSchemas.TS_MS);
    private static final Field F_TS_US = SOURCE.field(SourceSchemas.TS_US);
    private static final Field F_TS_NS = SOURCE.field(SourceSchemas.TS_NS);
    private static final Field F_SNAPSHOT = SOURCE.field(SourceSchemas.SNAPSHOT);
    private static final Field F_DB = SOURCE.field(SourceSchemas.DB);
    private static final Field F_SEQUENCE = SOURCE.field(SourceSchemas.SEQUENCE);
    private static final Field F_SCHEMA = SOURCE.field(SourceSchemas.SCHEMA);
    private static final Field F_TABLE = SOURCE.field(SourceSchemas.TABLE);
    private static final Field F_TX_ID = SOURCE.field(SourceSchemas.TX_ID);
    private static final Field F_LSN = SOURCE.field(SourceSchemas.LSN);

    private final String topicPrefix;
    private final String database;
    private final String version = SluiceVersion.get();
    private final Map<String, Object> partition;
    private final String transactionTopic;
    private final String heartbeatTopic;

    public ChangeRecords(String topicPrefix, String database, String heartbeatTopic) {
        this.topicPrefix = topicPrefix;
        this.database = database;
        this.partition = SourceOffsets.partition(topicPrefix);
        this.transactionTopic = topicPrefix + ".transaction";
        this.heartbeatTopic = heartbeatTopic;
    }

    public Map<String, Object> partition() {
        return partition;
    }

    /**
     * The source block of an event.
     *
     * @param timeMicros commit time (stream) or read time (snapshot), microseconds since the Unix epoch
     * @param lsn        the change's LSN, or null
     * @param txId       the transaction id, or null
     */
    public Struct source(CapturedTable table, long timeMicros, SnapshotMarker snapshot, Long txId, Long lsn,
            String sequence) {
        Struct source = new Struct(SOURCE);
        source.put(F_VERSION, version);
        source.put(F_CONNECTOR, SourceSchemas.POSTGRES_CONNECTOR);
        source.put(F_NAME, topicPrefix);
        source.put(F_TS_MS, Math.floorDiv(timeMicros, 1000L));
        source.put(F_TS_US, timeMicros);
        source.put(F_TS_NS, timeMicros * 1000L);
        source.put(F_SNAPSHOT, snapshot.value());
        source.put(F_DB, database);
        source.put(F_SEQUENCE, sequence);
        source.put(F_SCHEMA, table.id().schema());
        source.put(F_TABLE, table.id().table());
        source.put(F_TX_ID, txId);
        source.put(F_LSN, lsn);
        return source;
    }

    /**
     * Gives a snapshot record not yet handed to Connect its own copy of the source block, with another
     * {@code source.snapshot} value (snapshot rows share one source block).
     */
    public static void markSnapshot(SourceRecord record, SnapshotMarker marker) {
        Struct envelope = (Struct) record.value();
        Struct shared = envelope.getStruct(ChangeEventSchema.SOURCE);
        Struct own = new Struct(SOURCE);
        for (Field field : SOURCE.fields()) {
            own.put(field, shared.get(field));
        }
        own.put(F_SNAPSHOT, marker.value());
        envelope.put(ChangeEventSchema.SOURCE, own);
    }

    public Struct envelope(CapturedTable table, Operation op, Struct before, Struct after, Struct source,
            Struct transaction) {
        return table.schemas().envelope(op, before, after, source, System.currentTimeMillis() * 1_000_000L, transaction);
    }

    /** A snapshot record ({@code op=r}). */
    public SourceRecord snapshotRecord(CapturedTable table, Struct key, Struct envelope, Map<String, ?> offset) {
        return new SourceRecord(partition, offset, table.topic(), null, table.schemas().keySchema(), key,
                table.schemas().envelopeSchema(), envelope, null);
    }

    public TrackedRecord changeRecord(long sequence, CapturedTable table, Struct key, Struct envelope,
            Map<String, ?> offset) {
        return new TrackedRecord(sequence, partition, offset, table.topic(), table.schemas().keySchema(), key,
                table.schemas().envelopeSchema(), envelope, null);
    }

    public TrackedRecord tombstone(long sequence, CapturedTable table, Struct key, Map<String, ?> offset) {
        return new TrackedRecord(sequence, partition, offset, table.topic(), table.schemas().keySchema(), key,
                null, null, null);
    }

    public TrackedRecord transactionRecord(long sequence, String transactionId, Struct value, Map<String, ?> offset) {
        return new TrackedRecord(sequence, partition, offset, transactionTopic, TransactionSchemas.keySchema(),
                TransactionSchemas.key(transactionId), TransactionSchemas.valueSchema(), value, null);
    }

    public TrackedRecord heartbeat(long sequence, Map<String, ?> offset) {
        return new TrackedRecord(sequence, partition, offset, heartbeatTopic, HeartbeatSchemas.keySchema(),
                HeartbeatSchemas.key(topicPrefix), HeartbeatSchemas.valueSchema(),
                HeartbeatSchemas.value(System.currentTimeMillis()), null);
    }

    /** Debezium's transaction id: {@code <xid>:<commit LSN>}. */
    public static String transactionId(long xid, long commitLsn) {
        return xid + ":" + commitLsn;
    }
}
