package io.sluice.schema.types;

import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * A {@link ColumnConverter} made of a schema and a conversion function; passes SQL NULL through and turns any
 * failure into a {@link DataException} that names the table, column, type and (shortened) value.
 */
final class ValueConverter implements ColumnConverter {

    private static final int MAX_VALUE_IN_MESSAGE = 80;

    private final String table;
    private final String column;
    private final String typeName;
    private final Schema schema;
    private final Function<Object, Object> conversion;

    ValueConverter(String table, String column, String typeName, Schema schema, Function<Object, Object> conversion) {
        this.table = table;
        this.column = column;
        this.typeName = typeName;
        this.schema = schema;
        this.conversion = conversion;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Object toConnect(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return conversion.apply(value);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException("Cannot convert the value " + shorten(value) + " of column " + column
                    + " (" + typeName + ") of table " + table + ": " + e.getMessage(), e);
        }
    }

    static String shorten(Object value) {
        String text = value instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(value);
        if (text.length() > MAX_VALUE_IN_MESSAGE) {
            text = text.substring(0, MAX_VALUE_IN_MESSAGE) + "...";
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }

    @Override
    public String toString() {
        return table + "." + column + " " + typeName + " -> " + schema.type()
                + (schema.name() == null ? "" : " " + schema.name());
    }
}
