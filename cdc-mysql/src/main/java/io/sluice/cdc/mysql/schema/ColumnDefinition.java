package io.sluice.cdc.mysql.schema;

import java.util.List;
import java.util.Objects;

/**
 * One column of one table version, as information_schema and the binlog's table map describe it.
 *
 * @param name         the column name
 * @param position     1-based position in the table
 * @param dataType     the lower-case data type without length or attributes: {@code int}, {@code varchar},
 *                     {@code datetime}, {@code enum}, ...
 * @param columnType   the full type as information_schema's COLUMN_TYPE writes it, e.g. {@code int(10) unsigned}
 * @param unsigned     whether a numeric column is UNSIGNED
 * @param length       characters of character types, bytes of binary types, bits of BIT, precision of DECIMAL;
 *                     -1 when none
 * @param scale        scale of DECIMAL, fractional-second digits of TIME, DATETIME, TIMESTAMP; -1 when none
 * @param optional     whether the column accepts NULL
 * @param charset      the MySQL character set name of a character column, null otherwise
 * @param enumValues   the values of an ENUM or SET column, in declaration order
 * @param json         whether the column holds JSON (MySQL's JSON type, or a MariaDB LONGTEXT with json_valid check)
 * @param defaultValue the column default as information_schema writes it, or null
 * @param autoIncrement whether the column is AUTO_INCREMENT
 * @param generated    whether the column is generated (virtual or stored)
 * @param comment      the column comment, or null
 */
public record ColumnDefinition(String name, int position, String dataType, String columnType, boolean unsigned,
        int length, int scale, boolean optional, String charset, List<String> enumValues, boolean json,
        String defaultValue, boolean autoIncrement, boolean generated, String comment) {

    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        if (columnType == null) {
            columnType = dataType;
        }
    }

    /** A column with just a type, for tests and for columns known only from a table map. */
    public static ColumnDefinition of(String name, int position, String dataType, boolean unsigned, int length,
            int scale, boolean optional, String charset, List<String> enumValues) {
        return new ColumnDefinition(name, position, dataType, dataType, unsigned, length, scale, optional, charset,
                enumValues, "json".equals(dataType), null, false, false, null);
    }

    public ColumnDefinition withEnumValues(List<String> values) {
        return new ColumnDefinition(name, position, dataType, columnType, unsigned, length, scale, optional, charset,
                values, json, defaultValue, autoIncrement, generated, comment);
    }

    public ColumnDefinition withUnsigned(boolean value) {
        return new ColumnDefinition(name, position, dataType, columnType, value, length, scale, optional, charset,
                enumValues, json, defaultValue, autoIncrement, generated, comment);
    }
}
