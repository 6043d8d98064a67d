package io.sluice.cdc.postgres.table;

import io.sluice.schema.types.ColumnConverter;
import io.sluice.schema.types.ColumnType;
import io.sluice.schema.types.PostgresTypes;
import io.sluice.schema.types.TypeOptions;

/**
 * Chooses each column's converter through schema-support's PostgreSQL type mapping, decoding the column's type
 * modifier into the declared length, precision and scale.
 */
public final class ColumnConverters {

    private final TypeOptions options;

    public ColumnConverters(TypeOptions options) {
        this.options = options;
    }

    /** The converter, or null when the type cannot be mapped and unsupported.type.handling.mode=skip. */
    public ColumnConverter forColumn(TableId table, ColumnDefinition column, boolean optional) {
        ColumnType type = new ColumnType(column.baseTypeName(), length(column), scale(column), optional, false,
                column.enumValues(), null);
        return PostgresTypes.converterFor(table.qualified(), column.name(), type, options);
    }

    static int length(ColumnDefinition column) {
        int typmod = column.typeModifier();
        if (typmod < 0) {
            return -1;
        }
        String name = elementName(column.baseTypeName());
        switch (name) {
            case "numeric":
                return ((typmod - 4) >> 16) & 0xFFFF;
            case "varchar":
            case "bpchar":
                return typmod - 4;
            case "interval":
                int precision = typmod & 0xFFFF;
                return precision == 0xFFFF ? -1 : precision;
            default:
                // bit, varbit, time, timetz, timestamp, timestamptz: the modifier is the length / precision
                return typmod;
        }
    }

    static int scale(ColumnDefinition column) {
        int typmod = column.typeModifier();
        if (typmod < 0 || !elementName(column.baseTypeName()).equals("numeric")) {
            return -1;
        }
        int scale = (typmod - 4) & 0x7FF;
        return scale >= 0x400 ? scale - 0x800 : scale; // PostgreSQL 15 allows negative scales (11-bit field)
    }

    private static String elementName(String typeName) {
        return typeName.startsWith("_") ? typeName.substring(1) : typeName;
    }
}
