package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/**
 * mode=timestamp: rows whose timestamp is newer than the last one copied and older than the database clock minus
 * {@code timestamp.delay.interval.ms}, oldest first.
 *
 * <p>Several rows may share a timestamp. Continuing with {@code ts > offset} after a stop in the middle of such a
 * group would skip the rest of the group, so the offset only moves past a timestamp once every row with it has
 * been copied: a row's offset is its timestamp when the next row has a different one (or there is none), and the
 * previous offset otherwise. After a restart the unfinished group is copied again (duplicates, never gaps).
 */
public final class TimestampQuery extends ModeQuery {

    public TimestampQuery(Dialect dialect, List<String> timestampColumns, String suffix) {
        super(dialect, null, timestampColumns, suffix);
    }

    @Override
    protected String whereAndOrder(boolean hasOffset) {
        String timestamp = timestampExpression();
        return " WHERE " + (hasOffset ? timestamp + " > ? AND " : "") + timestamp + " < ?"
                + " ORDER BY " + timestamp + " ASC";
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
        int index = 1;
        if (offset != null && offset.timestamp() != null) {
            dialect.bindTimestamp(statement, index++, offset.timestamp(), zone);
        }
        dialect.bindTimestamp(statement, index, upperBound, zone);
    }

    @Override
    public SourceOffset offsetAfter(SourceOffset previous, SourceOffset row, SourceOffset next) {
        if (next == null || !row.timestamp().equals(next.timestamp())) {
            return new SourceOffset(null, row.timestamp());
        }
        return previous;
    }
}
