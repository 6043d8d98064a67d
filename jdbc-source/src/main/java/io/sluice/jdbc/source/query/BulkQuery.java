package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/** mode=bulk: the whole table every round; records carry no offset because every round starts over. */
public final class BulkQuery extends ModeQuery {

    public BulkQuery(Dialect dialect, String suffix) {
        super(dialect, null, List.of(), suffix);
    }

    @Override
    protected String whereAndOrder(boolean hasOffset) {
        return "";
    }

    @Override
    public void bind(PreparedStatement statement, SourceOffset offset, Timestamp upperBound, Calendar zone) {
        // nothing to bind
    }

    @Override
    public SourceOffset offsetAfter(SourceOffset previous, SourceOffset row, SourceOffset next) {
        return null;
    }
}
