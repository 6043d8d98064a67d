package io.sluice.schema.types;

import java.util.List;
import java.util.Objects;

/**
 * What a source column is, as the database describes it.
 *
 * @param typeName     the database's type name: PostgreSQL's {@code pg_type.typname} or its SQL spelling
 *                     ({@code int4}, {@code integer}, {@code _text} or {@code text[]} for arrays, a user enum's name),
 *                     MySQL's data type ({@code INT}, {@code VARCHAR}, {@code DATETIME}); case does not matter
 * @param length       the declared length or precision, or -1 when none was declared: characters of CHAR/VARCHAR,
 *                     bits of BIT, precision of DECIMAL/NUMERIC, fractional-second digits of TIME, TIMESTAMP,
 *                     DATETIME and INTERVAL
 * @param scale        the declared scale of DECIMAL/NUMERIC, or -1
 * @param optional     whether the column may hold NULL
 * @param unsigned     whether a MySQL numeric column is UNSIGNED
 * @param enumValues   the allowed values of an ENUM or SET column in declaration order, else empty
 * @param defaultValue the column's literal default in the same form the converter accepts values, or null
 */
public record ColumnType(String typeName, int length, int scale, boolean optional, boolean unsigned,
        List<String> enumValues, Object defaultValue) {

    public ColumnType {
        Objects.requireNonNull(typeName, "typeName");
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** A nullable column of a type without length, scale or default. */
    public static ColumnType of(String typeName) {
        return new ColumnType(typeName, -1, -1, true, false, List.of(), null);
    }

    /** A nullable column with a declared length (or precision) and scale. */
    public static ColumnType of(String typeName, int length, int scale) {
        return new ColumnType(typeName, length, scale, true, false, List.of(), null);
    }

    public ColumnType required() {
        return new ColumnType(typeName, length, scale, false, unsigned, enumValues, defaultValue);
    }

    public ColumnType asUnsigned() {
        return new ColumnType(typeName, length, scale, optional, true, enumValues, defaultValue);
    }

    public ColumnType withEnumValues(List<String> values) {
        return new ColumnType(typeName, length, scale, optional, unsigned, values, defaultValue);
    }

    public ColumnType withDefault(Object value) {
        return new ColumnType(typeName, length, scale, optional, unsigned, enumValues, value);
    }

    /** This type with another name, e.g. the element type of an array. */
    public ColumnType withTypeName(String name) {
        return new ColumnType(name, length, scale, optional, unsigned, enumValues, defaultValue);
    }
}
