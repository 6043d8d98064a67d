package io.sluice.jdbc.source.schema;

import io.sluice.jdbc.source.config.NumericMapping;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns rows of one result set into Connect structs. Built once per executed query from its metadata: the value
 * schema, the optional key schema and one reader per column are fixed before the first row is read.
 */
public final class RowMapping {

    private static final Logger LOG = LoggerFactory.getLogger(RowMapping.class);

    private final Schema valueSchema;
    private final Field[] fields;
    private final ColumnReader[] readers;
    private final Schema keySchema;
    private final Field[] keyFields;
    private final Field[] keySourceFields;

    private RowMapping(Schema valueSchema, Field[] fields, ColumnReader[] readers, Schema keySchema,
            Field[] keyFields, Field[] keySourceFields) {
        this.valueSchema = valueSchema;
        this.fields = fields;
        this.readers = readers;
        this.keySchema = keySchema;
        this.keyFields = keyFields;
        this.keySourceFields = keySourceFields;
    }

    /**
     * Maps a query's columns to Connect. The schema objects of the previous round's mapping are kept when the new
     * ones are equal to them: converters recognise a schema they have seen by identity first, and comparing Connect
     * schemas by value is deep. The column readers are always new, since a column's type may change without
     * changing its Connect schema.
     *
     * @param schemaName the value schema's name (the table name, as Confluent's source does), or null
     * @param keyColumns the columns of the record key, empty for records without a key
     * @param previous the mapping of the previous round of the same query, or null
     */
    public static RowMapping of(ResultSetMetaData metaData, String schemaName, List<String> keyColumns,
            NumericMapping numericMapping, Calendar zone, RowMapping previous) throws SQLException {
        SchemaBuilder value = SchemaBuilder.struct();
        if (schemaName != null) {
            value.name(schemaName);
        }
        List<ColumnReader> readers = new ArrayList<>();
        for (int index = 1; index <= metaData.getColumnCount(); index++) {
            ColumnMapping column = ConnectTypes.map(metaData, index, numericMapping, zone);
            if (column == null) {
                LOG.warn("Leaving out column {} of {}: its type {} has no plain Connect form",
                        metaData.getColumnLabel(index), schemaName, metaData.getColumnTypeName(index));
                continue;
            }
            if (value.field(column.name()) != null) {
                throw new ConnectException("The result of " + schemaName + " has two columns named '"
                        + column.name() + "'; give them distinct aliases");
            }
            value.field(column.name(), column.schema());
            readers.add(column.reader());
        }
        Schema valueSchema = value.build();
        if (previous != null && previous.valueSchema.equals(valueSchema)) {
            valueSchema = previous.valueSchema;
        }
        Field[] fields = valueSchema.fields().toArray(Field[]::new);

        if (keyColumns.isEmpty()) {
            return new RowMapping(valueSchema, fields, readers.toArray(ColumnReader[]::new), null, null, null);
        }
        SchemaBuilder key = SchemaBuilder.struct();
        if (schemaName != null) {
            key.name(schemaName + ".Key");
        }
        List<Field> sources = new ArrayList<>();
        for (String column : keyColumns) {
            Field source = valueSchema.field(column);
            if (source == null) {
                throw new ConnectException("Key column '" + column + "' (key.columns) is not a column of "
                        + (schemaName == null ? "the query" : schemaName));
            }
            key.field(column, source.schema());
            sources.add(source);
        }
        Schema keySchema = key.build();
        if (previous != null && keySchema.equals(previous.keySchema)) {
            keySchema = previous.keySchema;
        }
        return new RowMapping(valueSchema, fields, readers.toArray(ColumnReader[]::new), keySchema,
                keySchema.fields().toArray(Field[]::new), sources.toArray(Field[]::new));
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** The key schema, or null when records have no key. */
    public Schema keySchema() {
        return keySchema;
    }

    /** The current row of {@code row} as a struct of {@link #valueSchema()}. */
    public Struct value(ResultSet row) throws SQLException {
        Struct struct = new Struct(valueSchema);
        for (int i = 0; i < readers.length; i++) {
            Object value;
            try {
                value = readers[i].read(row);
            } catch (SQLException | RuntimeException e) {
                throw new DataException("Cannot read column " + fields[i].name() + " of "
                        + valueSchema.name() + ": " + e.getMessage(), e);
            }
            if (value != null) {
                // A new struct holds nulls already; skipping the put skips its validation too.
                struct.put(fields[i], value);
            }
        }
        return struct;
    }

    /** The key of a row read by {@link #value}, or null when records have no key. */
    public Struct key(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (int i = 0; i < keyFields.length; i++) {
            key.put(keyFields[i], value.get(keySourceFields[i]));
        }
        return key;
    }
}
