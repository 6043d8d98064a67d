package io.sluice.jdbc.source.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Reads a row's place in the copy order: its incrementing value and its timestamp (the first non-null of the
 * timestamp columns, as the generated COALESCE does). Column indexes are looked up once per query.
 */
public final class RowPosition {

    private final int incrementingIndex;
    private final int[] timestampIndexes;
    private final Calendar zone;

    private RowPosition(int incrementingIndex, int[] timestampIndexes, Calendar zone) {
        this.incrementingIndex = incrementingIndex;
        this.timestampIndexes = timestampIndexes;
        this.zone = zone;
    }

    public static RowPosition of(ResultSetMetaData metaData, String incrementingColumn,
            List<String> timestampColumns, Calendar zone, String source) throws SQLException {
        int incrementing = incrementingColumn == null ? 0 : indexOf(metaData, incrementingColumn, source);
        int[] timestamps = new int[timestampColumns.size()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = indexOf(metaData, timestampColumns.get(i), source);
        }
        return new RowPosition(incrementing, timestamps, zone);
    }

    public SourceOffset read(ResultSet row) throws SQLException {
        Long incrementing = null;
        if (incrementingIndex > 0) {
            long value = row.getLong(incrementingIndex);
            incrementing = row.wasNull() ? null : value;
        }
        Timestamp timestamp = null;
        for (int index : timestampIndexes) {
            timestamp = row.getTimestamp(index, zone);
            if (timestamp != null) {
                break;
            }
        }
        return new SourceOffset(incrementing, timestamp);
    }

    private static int indexOf(ResultSetMetaData metaData, String column, String source) throws SQLException {
        int caseInsensitiveMatch = 0;
        for (int index = 1; index <= metaData.getColumnCount(); index++) {
            String label = metaData.getColumnLabel(index);
            if (label.equals(column)) {
                return index;
            }
            if (label.equalsIgnoreCase(column)) {
                caseInsensitiveMatch = index;
            }
        }
        if (caseInsensitiveMatch > 0) {
            return caseInsensitiveMatch;
        }
        throw new ConnectException("Column '" + column + "' is not in the result of " + source);
    }
}
