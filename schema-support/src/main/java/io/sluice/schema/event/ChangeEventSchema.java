package io.sluice.schema.event;

import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The key, value and envelope schemas of one version of one table, laid out as Debezium's change events.
 *
 * <p>Build one with {@link #of} when a table is first seen or its structure changes, keep it, and build every
 * event of that table version with {@link #envelope}: nothing is built or looked up by name per record.
 *
 * <p>Build the rows that go into {@code before} and {@code after} with {@link #valueSchema()} of this object
 * (not the schema passed to {@link #of}): the envelope needs an optional, named row schema, and Connect only
 * accepts a struct whose schema is that very schema. The same goes for keys and {@link #keySchema()}.
 *
 * <p>Tombstones are the caller's job: after a delete event, a source that emits tombstones sends a second record
 * with the same key and a {@code null} value (and {@code null} value schema); this class never builds them.
 */
public final class ChangeEventSchema {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String TRANSACTION = "transaction";
    public static final String OP = "op";
    public static final String TS_MS = "ts_ms";
    public static final String TS_US = "ts_us";
    public static final String TS_NS = "ts_ns";

    /** Debezium 2+ marks its envelopes as version 2 (the version that added {@code ts_us} and {@code ts_ns}). */
    public static final int ENVELOPE_VERSION = 2;

    private final Schema keySchema;
    private final Schema valueSchema;
    private final Schema envelopeSchema;
    private final Field before;
    private final Field after;
    private final Field source;
    private final Field transaction;
    private final Field op;
    private final Field tsMs;
    private final Field tsUs;
    private final Field tsNs;

    private ChangeEventSchema(Schema keySchema, Schema valueSchema, Schema envelopeSchema) {
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.envelopeSchema = envelopeSchema;
        this.before = envelopeSchema.field(BEFORE);
        this.after = envelopeSchema.field(AFTER);
        this.source = envelopeSchema.field(SOURCE);
        this.transaction = envelopeSchema.field(TRANSACTION);
        this.op = envelopeSchema.field(OP);
        this.tsMs = envelopeSchema.field(TS_MS);
        this.tsUs = envelopeSchema.field(TS_US);
        this.tsNs = envelopeSchema.field(TS_NS);
    }

    /**
     * Builds the schemas of one table version.
     *
     * @param topicPrefix      the connector's {@code topic.prefix} (Debezium's logical server name)
     * @param schemaOrDatabase the PostgreSQL schema or the MySQL database of the table
     * @param table            the table name
     * @param keySchema        a struct of the key columns, or {@code null} when the table has no key; unnamed schemas
     *                         are named {@code <prefix>.<schema>.<table>.Key}
     * @param valueSchema      a struct of all captured columns; made optional and, when unnamed, named
     *                         {@code <prefix>.<schema>.<table>.Value}
     * @param sourceSchema     {@link SourceSchemas#postgres()}, {@link SourceSchemas#mysql()} or a compatible one
     */
    public static ChangeEventSchema of(String topicPrefix, String schemaOrDatabase, String table, Schema keySchema,
            Schema valueSchema, Schema sourceSchema) {
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(valueSchema, "valueSchema");
        Objects.requireNonNull(sourceSchema, "sourceSchema");
        if (valueSchema.type() != Schema.Type.STRUCT) {
            throw new DataException("The value schema of " + table + " must be a struct, not " + valueSchema.type());
        }
        Schema key = null;
        if (keySchema != null) {
            if (keySchema.type() != Schema.Type.STRUCT) {
                throw new DataException("The key schema of " + table + " must be a struct, not " + keySchema.type());
            }
            key = keySchema.name() != null ? keySchema
                    : copyStruct(keySchema, keySchemaName(topicPrefix, schemaOrDatabase, table), keySchema.isOptional());
        }
        Schema value = valueSchema.isOptional() && valueSchema.name() != null ? valueSchema
                : copyStruct(valueSchema, valueSchema.name() != null ? valueSchema.name()
                        : valueSchemaName(topicPrefix, schemaOrDatabase, table), true);
        Schema envelope = SchemaBuilder.struct()
                .name(envelopeSchemaName(topicPrefix, schemaOrDatabase, table))
                .version(ENVELOPE_VERSION)
                .field(BEFORE, value)
                .field(AFTER, value)
                .field(SOURCE, sourceSchema)
                .field(TRANSACTION, TransactionSchemas.block())
                .field(OP, Schema.STRING_SCHEMA)
                .field(TS_MS, Schema.OPTIONAL_INT64_SCHEMA)
                .field(TS_US, Schema.OPTIONAL_INT64_SCHEMA)
                .field(TS_NS, Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        return new ChangeEventSchema(key, value, envelope);
    }

    /** {@code <prefix>.<schema>.<table>.Value}; the schema part is left out when null or empty. */
    public static String valueSchemaName(String topicPrefix, String schemaOrDatabase, String table) {
        return baseName(topicPrefix, schemaOrDatabase, table) + ".Value";
    }

    /** {@code <prefix>.<schema>.<table>.Key}; the schema part is left out when null or empty. */
    public static String keySchemaName(String topicPrefix, String schemaOrDatabase, String table) {
        return baseName(topicPrefix, schemaOrDatabase, table) + ".Key";
    }

    /** {@code <prefix>.<schema>.<table>.Envelope}; the schema part is left out when null or empty. */
    public static String envelopeSchemaName(String topicPrefix, String schemaOrDatabase, String table) {
        return baseName(topicPrefix, schemaOrDatabase, table) + ".Envelope";
    }

    /** The key schema, or {@code null} when the table has no key (its records then have a null key). */
    public Schema keySchema() {
        return keySchema;
    }

    /** The optional row schema of {@code before} and {@code after}: build rows with it. */
    public Schema valueSchema() {
        return valueSchema;
    }

    /** The {@code ...Envelope} schema of the record value. */
    public Schema envelopeSchema() {
        return envelopeSchema;
    }

    /**
     * Builds one change event value in one pass.
     *
     * <p>CREATE, READ and UPDATE need {@code after}; DELETE needs {@code after == null}; TRUNCATE carries no rows.
     * {@code before} of an UPDATE or DELETE may be null or hold only the key columns when the source does not
     * log full rows.
     *
     * @param tsNanos     when the connector processed the event, in nanoseconds since the epoch; written as
     *                    {@code ts_ms}, {@code ts_us} and {@code ts_ns}
     * @param transaction a {@link TransactionSchemas#block} struct, or null when transaction metadata is off
     */
    public Struct envelope(Operation operation, Struct before, Struct after, Struct source, long tsNanos,
            Struct transaction) {
        switch (operation) {
            case CREATE:
            case READ:
            case UPDATE:
                if (after == null) {
                    throw new DataException("A " + operation + " event of " + envelopeSchema.name()
                            + " needs the row after the change");
                }
                break;
            case DELETE:
                if (after != null) {
                    throw new DataException("A DELETE event of " + envelopeSchema.name() + " has no row after");
                }
                break;
            case TRUNCATE:
                if (before != null || after != null) {
                    throw new DataException("A TRUNCATE event of " + envelopeSchema.name() + " carries no rows");
                }
                break;
            default:
                throw new DataException("Unknown operation " + operation);
        }
        Struct event = new Struct(envelopeSchema);
        if (before != null) {
            event.put(this.before, before);
        }
        if (after != null) {
            event.put(this.after, after);
        }
        event.put(this.source, source);
        if (transaction != null) {
            event.put(this.transaction, transaction);
        }
        event.put(op, operation.code());
        event.put(tsMs, Math.floorDiv(tsNanos, 1_000_000L));
        event.put(tsUs, Math.floorDiv(tsNanos, 1_000L));
        event.put(tsNs, tsNanos);
        return event;
    }

    private static String baseName(String topicPrefix, String schemaOrDatabase, String table) {
        if (schemaOrDatabase == null || schemaOrDatabase.isEmpty()) {
            return topicPrefix + "." + table;
        }
        return topicPrefix + "." + schemaOrDatabase + "." + table;
    }

    private static Schema copyStruct(Schema schema, String name, boolean optional) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name);
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.doc() != null) {
            builder.doc(schema.doc());
        }
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        for (Field field : schema.fields()) {
            builder.field(field.name(), field.schema());
        }
        if (optional) {
            builder.optional();
        }
        return builder.build();
    }
}
