package io.sluice.schema.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Schemas of the {@code source} block of change events, with Debezium's schema names, field names, types and
 * optionality, so that consumers written for Debezium read our events unchanged.
 *
 * <p>The schemas are built once; build source structs with {@code new Struct(SourceSchemas.postgres())} and the
 * field-name constants below. Required fields: {@link #VERSION}, {@link #CONNECTOR}, {@link #NAME},
 * {@link #TS_MS}, {@link #DB}, and for PostgreSQL {@link #SCHEMA} and {@link #TABLE}, for MySQL
 * {@link #SERVER_ID}, {@link #FILE}, {@link #POS} and {@link #ROW}.
 */
public final class SourceSchemas {

    public static final String POSTGRES_SCHEMA_NAME = "io.debezium.connector.postgresql.Source";
    public static final String MYSQL_SCHEMA_NAME = "io.debezium.connector.mysql.Source";

    /** Values Debezium lists as allowed in {@code source.snapshot}; ours are a subset. */
    public static final String SNAPSHOT_ALLOWED_VALUES =
            "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental";

    // Fields common to every connector.
    public static final String VERSION = "version";
    public static final String CONNECTOR = "connector";
    public static final String NAME = "name";
    public static final String TS_MS = "ts_ms";
    public static final String SNAPSHOT = "snapshot";
    public static final String DB = "db";
    public static final String SEQUENCE = "sequence";
    public static final String TS_US = "ts_us";
    public static final String TS_NS = "ts_ns";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";

    // PostgreSQL positions.
    public static final String TX_ID = "txId";
    public static final String LSN = "lsn";
    public static final String XMIN = "xmin";

    // MySQL positions.
    public static final String SERVER_ID = "server_id";
    public static final String GTID = "gtid";
    public static final String FILE = "file";
    public static final String POS = "pos";
    public static final String ROW = "row";
    public static final String THREAD = "thread";
    public static final String QUERY = "query";

    /** The {@code connector} values Debezium writes. */
    public static final String POSTGRES_CONNECTOR = "postgresql";
    public static final String MYSQL_CONNECTOR = "mysql";

    private static final Schema SNAPSHOT_SCHEMA = SchemaBuilder.string()
            .name("io.debezium.data.Enum")
            .version(1)
            .parameter("allowed", SNAPSHOT_ALLOWED_VALUES)
            .defaultValue(SnapshotMarker.FALSE.value())
            .optional()
            .build();

    private static final Schema POSTGRES = common(POSTGRES_SCHEMA_NAME)
            .field(SCHEMA, Schema.STRING_SCHEMA)
            .field(TABLE, Schema.STRING_SCHEMA)
            .field(TX_ID, Schema.OPTIONAL_INT64_SCHEMA)
            .field(LSN, Schema.OPTIONAL_INT64_SCHEMA)
            .field(XMIN, Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static final Schema MYSQL = common(MYSQL_SCHEMA_NAME)
            .field(TABLE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SERVER_ID, Schema.INT64_SCHEMA)
            .field(GTID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(FILE, Schema.STRING_SCHEMA)
            .field(POS, Schema.INT64_SCHEMA)
            .field(ROW, Schema.INT32_SCHEMA)
            .field(THREAD, Schema.OPTIONAL_INT64_SCHEMA)
            .field(QUERY, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private SourceSchemas() {
    }

    /** The {@code io.debezium.connector.postgresql.Source} schema. */
    public static Schema postgres() {
        return POSTGRES;
    }

    /** The {@code io.debezium.connector.mysql.Source} schema (also used for MariaDB, as Debezium does). */
    public static Schema mysql() {
        return MYSQL;
    }

    /** The schema of {@code source.snapshot}: an optional {@code io.debezium.data.Enum} string defaulting to "false". */
    public static Schema snapshotSchema() {
        return SNAPSHOT_SCHEMA;
    }

    private static SchemaBuilder common(String name) {
        return SchemaBuilder.struct()
                .name(name)
                .version(1)
                .field(VERSION, Schema.STRING_SCHEMA)
                .field(CONNECTOR, Schema.STRING_SCHEMA)
                .field(NAME, Schema.STRING_SCHEMA)
                .field(TS_MS, Schema.INT64_SCHEMA)
                .field(SNAPSHOT, SNAPSHOT_SCHEMA)
                .field(DB, Schema.STRING_SCHEMA)
                .field(SEQUENCE, Schema.OPTIONAL_STRING_SCHEMA)
                .field(TS_US, Schema.OPTIONAL_INT64_SCHEMA)
                .field(TS_NS, Schema.OPTIONAL_INT64_SCHEMA);
    }
}
