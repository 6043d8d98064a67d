package io.sluice.jdbc.sink.record;

import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.jdbc.sink.config.PrimaryKeyMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads what a record asks for: a CDC envelope ({@code op} c/r/u upsert, d delete, t truncate), a tombstone
 * (delete by key), a flat struct (upsert) or a schemaless map (upsert into an existing table).
 *
 * <p>Layouts are cached by schema instance, so the per-record work is a map lookup and copying field values.
 */
public final class RecordInterpreter {

    private static final String DEFAULT_TOPIC_COLUMN = "__connect_topic";
    private static final String DEFAULT_PARTITION_COLUMN = "__connect_partition";
    private static final String DEFAULT_OFFSET_COLUMN = "__connect_offset";
    private static final int CACHE_LIMIT = 1000;

    private final PrimaryKeyMode keyMode;
    private final List<String> keyFields;
    private final Set<String> include;
    private final Set<String> exclude;
    private final boolean deleteEnabled;
    private final boolean truncateEnabled;
    private final TableNameFormat tableNames;
    /** Whether table names need the source block's schema and table (reading them costs per record). */
    private final boolean readSourceSchema;
    private final boolean readSourceTable;
    private final String placeholder;
    private final byte[] placeholderBytes;

    /** Layouts by (key schema, row schema) instance, then by equal schemas for converters that do not cache. */
    private final Map<SchemaPair, StructLayout> byInstance = new HashMap<>();
    private final Map<EqualSchemas, StructLayout> byEquality = new HashMap<>();
    private final Map<List<String>, MapLayout> mapLayouts = new HashMap<>();
    /** The last value schema seen and its envelope shape (null when it is not an envelope): topics rarely change schema. */
    private Schema lastValueSchema;
    private Envelope.Shape lastShape;

    public RecordInterpreter(JdbcSinkConfig config) {
        this.keyMode = config.primaryKeyMode();
        this.keyFields = config.primaryKeyFields();
        this.include = config.fieldIncludeList();
        this.exclude = config.fieldExcludeList();
        this.deleteEnabled = config.deleteEnabled();
        this.truncateEnabled = config.truncateEnabled();
        this.tableNames = new TableNameFormat(config.tableNameFormat());
        this.readSourceSchema = tableNames.usesSourceSchema();
        this.readSourceTable = tableNames.usesSourceTable();
        String unavailable = config.unavailableValuePlaceholder();
        this.placeholder = unavailable == null || unavailable.isEmpty() ? null : unavailable;
        this.placeholderBytes = placeholder == null ? null : placeholder.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The change the record asks for, or null when it asks for nothing this sink applies (see the config). */
    public SinkChange interpret(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            return tombstone(record);
        }
        Schema valueSchema = record.valueSchema();
        if (value instanceof Struct struct) {
            Schema schema = valueSchema != null ? valueSchema : struct.schema();
            if (schema != lastValueSchema) {
                lastShape = Envelope.isEnvelope(schema) ? Envelope.Shape.of(schema) : null;
                lastValueSchema = schema;
            }
            if (lastShape != null) {
                return envelope(record, struct, lastShape);
            }
            String table = tableNames.resolve(record.topic(), null, null);
            return upsert(record, table, struct, false);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey(Envelope.OP) && map.containsKey(Envelope.AFTER) && map.containsKey(Envelope.BEFORE)) {
                throw new DataException("a CDC event without a schema cannot be applied (" + origin(record)
                        + "): enable schemas in the converter (schemas.enable=true) or use Avro");
            }
            String table = tableNames.resolve(record.topic(), null, null);
            return mapUpsert(record, table, map);
        }
        throw new DataException("cannot write a record whose value is a " + value.getClass().getSimpleName()
                + " (" + origin(record) + "): the sink needs a struct (with a schema) or a map");
    }

    private SinkChange tombstone(SinkRecord record) {
        if (!deleteEnabled) {
            return null;
        }
        if (record.key() == null) {
            return null;
        }
        String table = tableNames.resolve(record.topic(), null, null);
        if (keyMode != PrimaryKeyMode.RECORD_KEY) {
            throw new DataException("deletes need primary.key.mode=record_key (" + origin(record) + ")");
        }
        if (record.keySchema() == null && record.key() instanceof Map<?, ?> keyMap) {
            MapLayout layout = mapLayout(record, keyMap, null);
            return new SinkChange(SinkChange.Operation.DELETE, table, layout.layout, layout.key(record, null), null, record);
        }
        StructLayout layout = layoutFor(record, null);
        return new SinkChange(SinkChange.Operation.DELETE, table, layout.layout, layout.key(record, null), null, record);
    }

    private SinkChange envelope(SinkRecord record, Struct envelope, Envelope.Shape shape) {
        String op = shape.op(envelope);
        if (op == null || op.isEmpty()) {
            throw new DataException("CDC event without 'op' (" + origin(record) + ")");
        }
        String table = tableNames.resolve(record.topic(), readSourceSchema ? Envelope.sourceSchema(envelope) : null,
                readSourceTable ? Envelope.sourceTable(envelope) : null);
        switch (op.charAt(0)) {
            case 'c', 'r', 'u' -> {
                Struct after = shape.after(envelope);
                if (after == null) {
                    throw new DataException("CDC event op=" + op + " without 'after' (" + origin(record) + ")");
                }
                return upsert(record, table, after, op.charAt(0) != 'u');
            }
            case 'd' -> {
                if (!deleteEnabled) {
                    return null;
                }
                Struct before = shape.before(envelope);
                if (record.key() == null && keyMode == PrimaryKeyMode.RECORD_KEY) {
                    throw new DataException("CDC delete without a record key (" + origin(record) + ")");
                }
                StructLayout layout = layoutFor(record, before == null ? null : before.schema());
                return new SinkChange(SinkChange.Operation.DELETE, table, layout.layout, layout.key(record, before),
                        null, record);
            }
            case 't' -> {
                return truncateEnabled
                        ? new SinkChange(SinkChange.Operation.TRUNCATE, table, null, null, null, record)
                        : null;
            }
            default -> {
                return null; // 'm' (logical decoding messages) and future operations do not change rows
            }
        }
    }

    private SinkChange upsert(SinkRecord record, String table, Struct row, boolean created) {
        StructLayout layout = layoutFor(record, row.schema());
        Object[] values = layout.values(row);
        return new SinkChange(SinkChange.Operation.UPSERT, table, layout.layout, layout.key(record, row),
                values, record, unavailable(values), created);
    }

    /** The positions of values that are the source's placeholder for "not read", or null. */
    private java.util.BitSet unavailable(Object[] values) {
        if (placeholder == null) {
            return null;
        }
        java.util.BitSet unavailable = null;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            boolean missing = v instanceof String s ? s.length() == placeholder.length() && s.equals(placeholder)
                    : v instanceof byte[] b ? java.util.Arrays.equals(b, placeholderBytes)
                    : v instanceof java.nio.ByteBuffer bb && bb.remaining() == placeholderBytes.length
                            && bb.equals(java.nio.ByteBuffer.wrap(placeholderBytes));
            if (missing) {
                if (unavailable == null) {
                    unavailable = new java.util.BitSet(values.length);
                }
                unavailable.set(i);
            }
        }
        return unavailable;
    }

    private StructLayout layoutFor(SinkRecord record, Schema rowSchema) {
        Schema keySchema = keyMode == PrimaryKeyMode.RECORD_KEY ? keySchemaOf(record) : null;
        SchemaPair pair = new SchemaPair(keySchema, rowSchema);
        StructLayout layout = byInstance.get(pair);
        if (layout == null) {
            EqualSchemas equal = new EqualSchemas(keySchema, rowSchema);
            layout = byEquality.get(equal);
            if (layout == null) {
                layout = buildLayout(record, keySchema, rowSchema);
                if (byEquality.size() > CACHE_LIMIT) {
                    byEquality.clear();
                }
                byEquality.put(equal, layout);
            }
            if (byInstance.size() > CACHE_LIMIT) {
                byInstance.clear();
            }
            byInstance.put(pair, layout);
        }
        return layout;
    }

    private Schema keySchemaOf(SinkRecord record) {
        Schema keySchema = record.keySchema();
        if (keySchema == null && record.key() instanceof Struct s) {
            keySchema = s.schema();
        }
        if (keySchema == null) {
            throw new DataException("primary.key.mode=record_key needs a record key with a schema (" + origin(record)
                    + "); the key is " + (record.key() == null ? "null" : "schemaless"));
        }
        return keySchema;
    }

    private StructLayout buildLayout(SinkRecord record, Schema keySchema, Schema rowSchema) {
        List<Column> keyColumns = new ArrayList<>();
        KeySource keySource;
        Field[] keyFieldRefs = new Field[0];
        switch (keyMode) {
            case NONE -> keySource = KeySource.NONE;
            case KAFKA -> {
                keySource = KeySource.KAFKA;
                keyColumns.add(Column.of(kafkaColumn(0, DEFAULT_TOPIC_COLUMN), Schema.STRING_SCHEMA, true));
                keyColumns.add(Column.of(kafkaColumn(1, DEFAULT_PARTITION_COLUMN), Schema.INT32_SCHEMA, true));
                keyColumns.add(Column.of(kafkaColumn(2, DEFAULT_OFFSET_COLUMN), Schema.INT64_SCHEMA, true));
            }
            case RECORD_KEY -> {
                if (keySchema.type() == Schema.Type.STRUCT) {
                    keySource = KeySource.KEY_STRUCT;
                    keyFieldRefs = pickFields(keySchema, "record key", record);
                    for (Field f : keyFieldRefs) {
                        keyColumns.add(Column.of(f.name(), f.schema(), true));
                    }
                } else {
                    keySource = KeySource.KEY_PRIMITIVE;
                    if (keyFields.size() != 1) {
                        throw new DataException("the record key of " + origin(record) + " is a " + keySchema.type()
                                + ", not a struct: name its column with primary.key.fields (one name)");
                    }
                    keyColumns.add(Column.of(keyFields.get(0), keySchema, true));
                }
            }
            case RECORD_VALUE -> {
                keySource = KeySource.VALUE;
                if (rowSchema == null) {
                    throw new DataException("primary.key.mode=record_value cannot delete by a record key (" + origin(record) + ")");
                }
                keyFieldRefs = pickFields(rowSchema, "record value", record);
                for (Field f : keyFieldRefs) {
                    keyColumns.add(Column.of(f.name(), f.schema(), true));
                }
            }
            default -> throw new IllegalStateException(keyMode.name());
        }
        List<Column> valueColumns = new ArrayList<>();
        List<Field> valueFieldRefs = new ArrayList<>();
        if (rowSchema != null) {
            if (rowSchema.type() != Schema.Type.STRUCT) {
                throw new DataException("the record value of " + origin(record) + " is a " + rowSchema.type()
                        + ", not a struct");
            }
            for (Field f : rowSchema.fields()) {
                if (isKeyColumn(keyColumns, f.name()) || !included(f.name())) {
                    continue;
                }
                valueColumns.add(Column.of(f.name(), f.schema(), false));
                valueFieldRefs.add(f);
            }
        }
        RowLayout layout = new RowLayout(keyColumns, valueColumns, false, rowSchema == null);
        return new StructLayout(layout, keySource, keyFieldRefs, valueFieldRefs.toArray(new Field[0]));
    }

    private Field[] pickFields(Schema schema, String what, SinkRecord record) {
        if (keyFields.isEmpty()) {
            return schema.fields().toArray(new Field[0]);
        }
        Field[] picked = new Field[keyFields.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = schema.field(keyFields.get(i));
            if (picked[i] == null) {
                throw new DataException("primary.key.fields names '" + keyFields.get(i) + "', which the " + what
                        + " of " + origin(record) + " does not have (it has " + schema.fields().stream().map(Field::name).toList() + ")");
            }
        }
        return picked;
    }

    private String kafkaColumn(int index, String defaultName) {
        return keyFields.size() == 3 ? keyFields.get(index) : defaultName;
    }

    private boolean included(String field) {
        return (include.isEmpty() || include.contains(field)) && !exclude.contains(field);
    }

    private static boolean isKeyColumn(List<Column> keyColumns, String name) {
        for (Column c : keyColumns) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- schemaless maps -------------------------------------------------------------------------------

    private SinkChange mapUpsert(SinkRecord record, String table, Map<?, ?> row) {
        MapLayout layout = mapLayout(record, record.key() instanceof Map<?, ?> k ? k : null, row);
        return new SinkChange(SinkChange.Operation.UPSERT, table, layout.layout, layout.key(record, row),
                layout.values(row), record);
    }

    private MapLayout mapLayout(SinkRecord record, Map<?, ?> keyMap, Map<?, ?> row) {
        List<String> cacheKey = new ArrayList<>();
        cacheKey.add(keyMode.name());
        if (keyMap != null) {
            keyMap.keySet().forEach(k -> cacheKey.add("k:" + k));
        }
        if (row != null) {
            row.keySet().forEach(k -> cacheKey.add("v:" + k));
        }
        MapLayout layout = mapLayouts.get(cacheKey);
        if (layout == null) {
            layout = buildMapLayout(record, keyMap, row);
            if (mapLayouts.size() > CACHE_LIMIT) {
                mapLayouts.clear();
            }
            mapLayouts.put(cacheKey, layout);
        }
        return layout;
    }

    private MapLayout buildMapLayout(SinkRecord record, Map<?, ?> keyMap, Map<?, ?> row) {
        List<String> keyNames = new ArrayList<>();
        KeySource keySource;
        switch (keyMode) {
            case NONE -> keySource = KeySource.NONE;
            case KAFKA -> {
                keySource = KeySource.KAFKA;
                keyNames.add(kafkaColumn(0, DEFAULT_TOPIC_COLUMN));
                keyNames.add(kafkaColumn(1, DEFAULT_PARTITION_COLUMN));
                keyNames.add(kafkaColumn(2, DEFAULT_OFFSET_COLUMN));
            }
            case RECORD_KEY -> {
                if (keyMap != null) {
                    keySource = KeySource.KEY_STRUCT;
                    keyNames.addAll(keyFields.isEmpty() ? keyMap.keySet().stream().map(String::valueOf).toList() : keyFields);
                } else {
                    keySource = KeySource.KEY_PRIMITIVE;
                    if (keyFields.size() != 1 || record.key() == null) {
                        throw new DataException("the record key of " + origin(record) + " is not a map: name its "
                                + "column with primary.key.fields (one name)");
                    }
                    keyNames.add(keyFields.get(0));
                }
            }
            case RECORD_VALUE -> {
                keySource = KeySource.VALUE;
                keyNames.addAll(keyFields);
            }
            default -> throw new IllegalStateException(keyMode.name());
        }
        List<Column> keyColumns = keyNames.stream().map(n -> Column.schemaless(n, true)).toList();
        List<String> valueNames = new ArrayList<>();
        if (row != null) {
            for (Object k : row.keySet()) {
                String name = String.valueOf(k);
                if (!keyNames.contains(name) && included(name)) {
                    valueNames.add(name);
                }
            }
        }
        List<Column> valueColumns = valueNames.stream().map(n -> Column.schemaless(n, false)).toList();
        RowLayout layout = new RowLayout(keyColumns, valueColumns, true, row == null);
        return new MapLayout(layout, keySource, keyNames.toArray(new String[0]), valueNames.toArray(new String[0]));
    }

    private static String origin(SinkRecord record) {
        return "topic " + record.topic() + ", partition " + record.kafkaPartition() + ", offset " + record.kafkaOffset();
    }

    private enum KeySource { NONE, KAFKA, KEY_STRUCT, KEY_PRIMITIVE, VALUE }

    private static Object[] kafkaKey(SinkRecord record) {
        return new Object[] {record.topic(), record.kafkaPartition(), record.kafkaOffset()};
    }

    /** A layout for struct rows, with the field references that read key and values. */
    private record StructLayout(RowLayout layout, KeySource keySource, Field[] keyFields, Field[] valueFields) {

        Object[] key(SinkRecord record, Struct row) {
            switch (keySource) {
                case NONE:
                    return null;
                case KAFKA:
                    return kafkaKey(record);
                case KEY_PRIMITIVE:
                    return new Object[] {record.key()};
                case KEY_STRUCT: {
                    Struct key = (Struct) record.key();
                    Object[] values = new Object[keyFields.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = key.get(keyFields[i]);
                    }
                    return values;
                }
                case VALUE: {
                    Object[] values = new Object[keyFields.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.get(keyFields[i]);
                    }
                    return values;
                }
                default:
                    throw new IllegalStateException(keySource.name());
            }
        }

        Object[] values(Struct row) {
            Object[] values = new Object[valueFields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(valueFields[i]);
            }
            return values;
        }
    }

    /** A layout for schemaless rows, read by column name. */
    private record MapLayout(RowLayout layout, KeySource keySource, String[] keyNames, String[] valueNames) {

        Object[] key(SinkRecord record, Map<?, ?> row) {
            switch (keySource) {
                case NONE:
                    return null;
                case KAFKA:
                    return kafkaKey(record);
                case KEY_PRIMITIVE:
                    return new Object[] {record.key()};
                case KEY_STRUCT: {
                    Map<?, ?> key = (Map<?, ?>) record.key();
                    Object[] values = new Object[keyNames.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = key.get(keyNames[i]);
                    }
                    return values;
                }
                case VALUE: {
                    Object[] values = new Object[keyNames.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.get(keyNames[i]);
                    }
                    return values;
                }
                default:
                    throw new IllegalStateException(keySource.name());
            }
        }

        Object[] values(Map<?, ?> row) {
            Object[] values = new Object[valueNames.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(valueNames[i]);
            }
            return values;
        }

    }

    /** Identity of two schema instances; cheap to hash. */
    private record SchemaPair(Schema key, Schema row) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaPair p && p.key == key && p.row == row;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(key) + System.identityHashCode(row);
        }
    }

    /** Equality of two schemas by content, for converters that build a new schema per record. */
    private record EqualSchemas(Schema key, Schema row) {
    }
}
