package io.sluice.cdc.mysql.snapshot;

import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TemporalText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads one row of a snapshot query into the value forms the column converters take (the same as the binlog
 * decoding produces). Temporal columns are read as text, the one JDBC form that keeps zero dates, negative TIMEs
 * and microseconds exactly.
 */
public final class RowReader {

    private interface ColumnReader {
        Object read(ResultSet rows, int index) throws SQLException;
    }

    private final ColumnReader[] readers;

    public RowReader(List<ColumnDefinition> columns) {
        readers = new ColumnReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = readerFor(columns.get(i));
        }
    }

    public Object[] read(ResultSet rows) throws SQLException {
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            row[i] = readers[i].read(rows, i + 1);
        }
        return row;
    }

    private static ColumnReader readerFor(ColumnDefinition column) {
        if (column.json()) {
            return ResultSet::getString;
        }
        return switch (column.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "year" -> (rows, i) -> {
                long value = rows.getLong(i);
                return rows.wasNull() ? null : value;
            };
            case "bigint" -> column.unsigned() ? ResultSet::getBigDecimal : (rows, i) -> {
                long value = rows.getLong(i);
                return rows.wasNull() ? null : value;
            };
            case "float" -> (rows, i) -> {
                float value = rows.getFloat(i);
                return rows.wasNull() ? null : value;
            };
            case "double", "real" -> (rows, i) -> {
                double value = rows.getDouble(i);
                return rows.wasNull() ? null : value;
            };
            case "decimal", "numeric" -> ResultSet::getBigDecimal;
            case "date" -> (rows, i) -> {
                String text = rows.getString(i);
                return text == null ? null : TemporalText.parseDate(text);
            };
            case "datetime", "timestamp" -> (rows, i) -> {
                String text = rows.getString(i);
                return text == null ? null : TemporalText.parseDateTime(text);
            };
            case "time" -> (rows, i) -> {
                String text = rows.getString(i);
                return text == null ? null : TemporalText.parseTime(text);
            };
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit", "geometry", "point",
                    "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection",
                    "geomcollection" -> ResultSet::getBytes;
            default -> ResultSet::getString;
        };
    }
}
