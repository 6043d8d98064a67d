package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.record.ValueKind;
import java.sql.Types;

/**
 * Coarse groups of types, to tell a changed or mismatched type (a number written into a timestamp column)
 * from the many harmless differences between a record's type and a column's (INT32 into BIGINT, text into
 * JSON). Only clear mismatches are refused.
 */
enum ColumnFamily {
    NUMBER, TEXT, BINARY, BOOLEAN, DATE, TIME, TIMESTAMP, OTHER;

    static ColumnFamily of(ValueKind kind) {
        return switch (kind) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, VARIABLE_DECIMAL, DURATION_MICROS -> NUMBER;
            case STRING, JSON, UUID, XML, ENUM, ENUM_SET -> TEXT;
            case BYTES -> BINARY;
            case BOOLEAN -> BOOLEAN;
            case DATE_CONNECT, DATE_DAYS -> DATE;
            case TIME_CONNECT, TIME_MILLIS, TIME_MICROS, TIME_NANOS, ZONED_TIME -> TIME;
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, ZONED_TIMESTAMP -> TIMESTAMP;
            case YEAR, BITS, INTERVAL_ISO -> OTHER;
        };
    }

    static ColumnFamily of(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                    Types.NUMERIC, Types.DECIMAL -> NUMBER;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.DATE -> DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
            default -> OTHER;
        };
    }

    /** Whether values of {@code record} can go into a column of {@code column} without a doubt. */
    static boolean fits(ColumnFamily record, ColumnFamily column) {
        if (record == column || record == OTHER || column == OTHER) {
            return true;
        }
        return switch (record) {
            // Numbers go into numeric, boolean (MySQL TINYINT(1)) and text columns.
            case NUMBER -> column == BOOLEAN || column == TEXT;
            // Text is cast by the database into most types (enum, json, uuid, dates written as text...).
            case TEXT -> column != BINARY;
            case BOOLEAN -> column == NUMBER || column == TEXT;
            case BINARY -> column == TEXT;
            case DATE -> column == TIMESTAMP || column == TEXT;
            case TIME, TIMESTAMP -> column == TEXT || (record == TIMESTAMP && column == DATE);
            default -> false;
        };
    }
}
