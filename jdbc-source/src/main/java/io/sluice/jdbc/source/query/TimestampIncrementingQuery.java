package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/**
 * mode=timestamp+incrementing: rows after the last (timestamp, id) pair copied and older than the database clock
 * minus {@code timestamp.delay.interval.ms}, in (timestamp, id) order. The pair identifies a row exactly, so every
 * row's offset is its own position and a restart neither skips nor repeats rows.
 */
public final class TimestampIncrementingQuery extends ModeQuery {

    public TimestampIncrementingQuery(Dialect dialect, String incrementingColumn, List<String> timestampColumns,
            String suffix) {
        super(dialect, incrementingColumn, timestampColumns, suffix);
    }

    @Override
    protected String whereAndOrder(boolean hasOffset) {
        String timestamp = timestampExpression();
        String incrementing = dialect.quote(incrementingColumn);
        String lower = hasOffset
                ? " AND (" + timestamp + " > ? OR (" + timestamp + " = ? AND " + incrementing + " > ?))"
                : "";
        return " WHERE " + timestamp + " < ?" + lower
                + " ORDER BY " + timestamp + " ASC, " + incrementing + " ASC";
    }

    @Override
    public boolean needsUpperBound() {
        return true;
    }

    @Override
    public boolean startsAfter(SourceOffset offset) {
        return offset != null && offset.timestamp() != null;
    }

    @Override
    public void bind(PreparedStatement statement, SourceOffset offset, Timestamp upperBound, Calendar zone)
            throws SQLException {
        dialect.bindTimestamp(statement, 1, upperBound, zone);
        if (offset != null && offset.timestamp() != null) {
            dialect.bindTimestamp(statement, 2, offset.timestamp(), zone);
            dialect.bindTimestamp(statement, 3, offset.timestamp(), zone);
            // An offset from timestamp.initial has no id yet: take every row of that timestamp.
            statement.setLong(4, offset.incrementing() == null ? Long.MIN_VALUE : offset.incrementing());
        }
    }

    @Override
    public SourceOffset offsetAfter(SourceOffset previous, SourceOffset row, SourceOffset next) {
        return row;
    }
}
