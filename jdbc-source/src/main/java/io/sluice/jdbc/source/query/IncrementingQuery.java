package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/**
 * mode=incrementing: rows whose incrementing column is above the last one copied, in that column's order. Only
 * new rows are seen; a row whose id was taken by a transaction that commits after a higher id was copied is
 * missed (use timestamp+incrementing with a delay when writers run concurrently).
 */
public final class IncrementingQuery extends ModeQuery {

    public IncrementingQuery(Dialect dialect, String incrementingColumn, String suffix) {
        super(dialect, incrementingColumn, List.of(), suffix);
    }

    @Override
    protected String whereAndOrder(boolean hasOffset) {
        String column = dialect.quote(incrementingColumn);
        return (hasOffset ? " WHERE " + column + " > ?" : " WHERE " + column + " IS NOT NULL")
                + " ORDER BY " + column + " ASC";
    }

    @Override
    public boolean startsAfter(SourceOffset offset) {
        return offset != null && offset.incrementing() != null;
    }

    @Override
    public void bind(PreparedStatement statement, SourceOffset offset, Timestamp upperBound, Calendar zone)
            throws SQLException {
        if (offset != null && offset.incrementing() != null) {
            statement.setLong(1, offset.incrementing());
        }
    }

    @Override
    public SourceOffset offsetAfter(SourceOffset previous, SourceOffset row, SourceOffset next) {
        return new SourceOffset(row.incrementing(), null);
    }
}
