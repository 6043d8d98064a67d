package io.sluice.schema.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Transaction metadata as Debezium writes it: the {@code transaction} block inside each change event, and the
 * BEGIN/END events of the transaction metadata topic ({@code <prefix>.transaction}).
 */
public final class TransactionSchemas {

    public static final String ID = "id";
    public static final String TOTAL_ORDER = "total_order";
    public static final String DATA_COLLECTION_ORDER = "data_collection_order";
    public static final String STATUS = "status";
    public static final String EVENT_COUNT = "event_count";
    public static final String DATA_COLLECTIONS = "data_collections";
    public static final String DATA_COLLECTION = "data_collection";
    public static final String TS_MS = "ts_ms";

    public static final String STATUS_BEGIN = "BEGIN";
    public static final String STATUS_END = "END";

    private static final Schema BLOCK = SchemaBuilder.struct()
            .name("event.block")
            .version(1)
            .optional()
            .field(ID, Schema.STRING_SCHEMA)
            .field(TOTAL_ORDER, Schema.INT64_SCHEMA)
            .field(DATA_COLLECTION_ORDER, Schema.INT64_SCHEMA)
            .build();

    private static final Schema COLLECTION_COUNT = SchemaBuilder.struct()
            .name("event.collection")
            .version(1)
            .optional()
            .field(DATA_COLLECTION, Schema.STRING_SCHEMA)
            .field(EVENT_COUNT, Schema.INT64_SCHEMA)
            .build();

    private static final Schema KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.common.TransactionMetadataKey")
            .version(1)
            .field(ID, Schema.STRING_SCHEMA)
            .build();

    private static final Schema VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.common.TransactionMetadataValue")
            .version(1)
            .field(STATUS, Schema.STRING_SCHEMA)
            .field(ID, Schema.STRING_SCHEMA)
            .field(EVENT_COUNT, Schema.OPTIONAL_INT64_SCHEMA)
            .field(DATA_COLLECTIONS, SchemaBuilder.array(COLLECTION_COUNT).optional().build())
            .field(TS_MS, Schema.INT64_SCHEMA)
            .build();

    private TransactionSchemas() {
    }

    /** The optional {@code event.block} schema of the envelope's {@code transaction} field. */
    public static Schema block() {
        return BLOCK;
    }

    /** The key schema of the transaction metadata topic. */
    public static Schema keySchema() {
        return KEY;
    }

    /** The value schema of the transaction metadata topic. */
    public static Schema valueSchema() {
        return VALUE;
    }

    /** The schema of one element of {@code data_collections}. */
    public static Schema collectionCountSchema() {
        return COLLECTION_COUNT;
    }

    /**
     * The {@code transaction} block of one event.
     *
     * @param totalOrder          position of the event among all events of the transaction, from 1
     * @param dataCollectionOrder position of the event among the transaction's events of the same table, from 1
     */
    public static Struct block(String id, long totalOrder, long dataCollectionOrder) {
        return new Struct(BLOCK)
                .put(ID, id)
                .put(TOTAL_ORDER, totalOrder)
                .put(DATA_COLLECTION_ORDER, dataCollectionOrder);
    }

    /** The key of a transaction metadata event. */
    public static Struct key(String id) {
        return new Struct(KEY).put(ID, id);
    }

    /** A BEGIN event of the transaction metadata topic. */
    public static Struct begin(String id, long tsMs) {
        return new Struct(VALUE)
                .put(STATUS, STATUS_BEGIN)
                .put(ID, id)
                .put(TS_MS, tsMs);
    }

    /**
     * An END event of the transaction metadata topic.
     *
     * @param eventsPerCollection events of the transaction per table, keyed by Debezium's data collection name
     *                            ({@code schema.table} for PostgreSQL, {@code database.table} for MySQL), in the
     *                            map's iteration order
     */
    public static Struct end(String id, long tsMs, Map<String, Long> eventsPerCollection) {
        List<Struct> collections = new ArrayList<>(eventsPerCollection.size());
        long total = 0;
        for (Map.Entry<String, Long> entry : eventsPerCollection.entrySet()) {
            long count = entry.getValue();
            total += count;
            collections.add(new Struct(COLLECTION_COUNT)
                    .put(DATA_COLLECTION, entry.getKey())
                    .put(EVENT_COUNT, count));
        }
        return new Struct(VALUE)
                .put(STATUS, STATUS_END)
                .put(ID, id)
                .put(EVENT_COUNT, total)
                .put(DATA_COLLECTIONS, collections)
                .put(TS_MS, tsMs);
    }
}
