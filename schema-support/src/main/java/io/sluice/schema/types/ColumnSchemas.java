package io.sluice.schema.types;

import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finishes a column's schema: optionality and the column's default, converted like any value. */
final class ColumnSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnSchemas.class);

    private ColumnSchemas() {
    }

    static ColumnConverter finish(String table, String column, ColumnType type, SchemaBuilder builder,
            Schema prebuilt, Function<Object, Object> conversion) {
        if (prebuilt != null) {
            return new ValueConverter(table, column, type.typeName(), prebuilt, conversion);
        }
        if (type.optional()) {
            builder.optional();
        }
        ValueConverter plain = new ValueConverter(table, column, type.typeName(), builder.build(), conversion);
        if (type.defaultValue() == null) {
            return plain;
        }
        Object defaultValue;
        try {
            defaultValue = plain.toConnect(type.defaultValue());
        } catch (DataException e) {
            // A default we cannot read (an expression such as now()) only loses schema metadata, not data.
            LOG.warn("The default {} of column {} of table {} is not a literal of type {}; the schema carries no "
                    + "default: {}", type.defaultValue(), column, table, type.typeName(), e.getMessage());
            return plain;
        }
        if (defaultValue == null) {
            return plain;
        }
        builder.defaultValue(defaultValue);
        return new ValueConverter(table, column, type.typeName(), builder.build(), conversion);
    }
}
