package io.sluice.cdc.mysql.schema;

import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.SourceSchemas;
import io.sluice.schema.event.TopicNames;
import io.sluice.schema.types.ColumnConverter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * One version of a captured table, ready to turn rows into keys and values: the topic, the schemas, and per
 * written column its position in the row and its converter. Built once per table version; immutable and shared
 * between threads.
 */
public final class CapturedTable {

    private final TableDefinition definition;
    private final String topic;
    private final ChangeEventSchema schema;
    private final int[] valuePositions;
    private final ColumnConverter[] valueConverters;
    private final Field[] valueFields;
    private final int[] keyPositions;
    private final ColumnConverter[] keyConverters;
    private final Field[] keyFields;
    private final int[] primaryKeyPositions;
    private final ColumnConverter[] primaryKeyConverters;

    private CapturedTable(TableDefinition definition, String topic, ChangeEventSchema schema, int[] valuePositions,
            ColumnConverter[] valueConverters, int[] keyPositions, ColumnConverter[] keyConverters,
            ColumnConverter[] allConverters) {
        this.definition = definition;
        this.topic = topic;
        this.schema = schema;
        this.valuePositions = valuePositions;
        this.valueConverters = valueConverters;
        this.keyPositions = keyPositions;
        this.keyConverters = keyConverters;
        this.valueFields = schema.valueSchema().fields().toArray(new Field[0]);
        this.keyFields = schema.keySchema() == null ? new Field[0] : schema.keySchema().fields().toArray(new Field[0]);
        List<String> primaryKey = definition.primaryKey();
        this.primaryKeyPositions = new int[primaryKey.size()];
        this.primaryKeyConverters = new ColumnConverter[primaryKey.size()];
        for (int k = 0; k < primaryKey.size(); k++) {
            primaryKeyPositions[k] = indexOf(definition.columns(), primaryKey.get(k));
            primaryKeyConverters[k] = primaryKeyPositions[k] < 0 ? null : allConverters[primaryKeyPositions[k]];
        }
    }

    /**
     * Builds the table version.
     *
     * @param written      whether each column (by position in {@code definition.columns()}) goes into the value
     * @param converters   a converter per column (null for skipped unsupported columns)
     * @param keyColumns   the key column names in key order; empty for a table without key
     */
    public static CapturedTable of(String topicPrefix, TableDefinition definition, boolean[] written,
            ColumnConverter[] converters, List<String> keyColumns) {
        TableId id = definition.id();
        List<ColumnDefinition> columns = definition.columns();
        SchemaBuilder value = SchemaBuilder.struct()
                .name(ChangeEventSchema.valueSchemaName(topicPrefix, schemaNamePart(id.database()),
                        schemaNamePart(id.table())))
                .optional();
        List<Integer> valuePositions = new ArrayList<>();
        List<ColumnConverter> valueConverters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (written[i] && converters[i] != null) {
                value.field(columns.get(i).name(), converters[i].schema());
                valuePositions.add(i);
                valueConverters.add(converters[i]);
            }
        }
        Schema keySchema = null;
        int[] keyPositions = new int[keyColumns.size()];
        ColumnConverter[] keyConverters = new ColumnConverter[keyColumns.size()];
        if (!keyColumns.isEmpty()) {
            SchemaBuilder key = SchemaBuilder.struct().name(ChangeEventSchema.keySchemaName(topicPrefix,
                    schemaNamePart(id.database()), schemaNamePart(id.table())));
            for (int k = 0; k < keyColumns.size(); k++) {
                int position = indexOf(columns, keyColumns.get(k));
                if (position < 0 || converters[position] == null) {
                    throw new DataException("Key column " + keyColumns.get(k) + " of " + id
                            + " is not a column of the table or has an unsupported type");
                }
                key.field(columns.get(position).name(), converters[position].schema());
                keyPositions[k] = position;
                keyConverters[k] = converters[position];
            }
            keySchema = key.build();
        }
        ChangeEventSchema schema = ChangeEventSchema.of(topicPrefix, schemaNamePart(id.database()),
                schemaNamePart(id.table()), keySchema, value.build(), SourceSchemas.mysql());
        return new CapturedTable(definition, topicName(topicPrefix, id), schema,
                valuePositions.stream().mapToInt(Integer::intValue).toArray(),
                valueConverters.toArray(new ColumnConverter[0]), keyPositions, keyConverters, converters);
    }

    private static int indexOf(List<ColumnDefinition> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code <prefix>.<database>.<table>} with characters Kafka does not allow in topic names replaced by '_'. */
    public static String topicName(String topicPrefix, TableId id) {
        return topicPrefix + "." + TopicNames.sanitise(id.database()) + "." + TopicNames.sanitise(id.table());
    }

    /** A name part valid in Avro full names: letters, digits and '_', not starting with a digit. */
    private static String schemaNamePart(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(allowed ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    public TableId id() {
        return definition.id();
    }

    public TableDefinition definition() {
        return definition;
    }

    public String topic() {
        return topic;
    }

    public ChangeEventSchema schema() {
        return schema;
    }

    public int columnCount() {
        return definition.columns().size();
    }

    public boolean hasKey() {
        return keyPositions.length > 0;
    }

    /** The row's value struct; {@code row} holds one value per table column, in table order. */
    public Struct value(Object[] row) {
        Struct struct = new Struct(schema.valueSchema());
        for (int i = 0; i < valuePositions.length; i++) {
            struct.put(valueFields[i], valueConverters[i].toConnect(row[valuePositions[i]]));
        }
        return struct;
    }

    /** The row's key struct, or null for a table without key. */
    public Struct key(Object[] row) {
        if (keyPositions.length == 0) {
            return null;
        }
        Struct struct = new Struct(schema.keySchema());
        for (int i = 0; i < keyPositions.length; i++) {
            struct.put(keyFields[i], keyConverters[i].toConnect(row[keyPositions[i]]));
        }
        return struct;
    }

    /**
     * The row's primary key as the values written to Kafka (byte arrays wrapped to compare by content), so that a
     * row read by a query and the same row decoded from the binlog give equal lists; null without primary key.
     */
    public List<Object> primaryKeyValues(Object[] row) {
        if (primaryKeyPositions.length == 0) {
            return null;
        }
        List<Object> values = new ArrayList<>(primaryKeyPositions.length);
        for (int k = 0; k < primaryKeyPositions.length; k++) {
            int position = primaryKeyPositions[k];
            Object raw = position < 0 ? null : row[position];
            Object value = primaryKeyConverters[k] == null || raw == null ? raw
                    : primaryKeyConverters[k].toConnect(raw);
            values.add(value instanceof byte[] bytes ? java.nio.ByteBuffer.wrap(bytes) : value);
        }
        return values;
    }

    /** Whether two rows have equal keys (raw values), to tell key changes in updates. */
    public boolean sameKey(Object[] before, Object[] after) {
        for (int position : keyPositions) {
            if (!java.util.Objects.deepEquals(before[position], after[position])) {
                return false;
            }
        }
        return true;
    }

    /** Positions of the key columns in the row, in key order. */
    public int[] keyPositions() {
        return keyPositions.clone();
    }
}
