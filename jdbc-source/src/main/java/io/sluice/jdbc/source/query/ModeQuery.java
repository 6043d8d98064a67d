package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.config.Mode;
import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SELECT of one mode: its text, how its parameters are bound from the offset, and the offset each copied row
 * leaves behind. One small subclass per {@link Mode}.
 */
public abstract class ModeQuery {

    protected final Dialect dialect;
    protected final String incrementingColumn;
    protected final List<String> timestampColumns;
    private final String suffix;

    protected ModeQuery(Dialect dialect, String incrementingColumn, List<String> timestampColumns, String suffix) {
        this.dialect = dialect;
        this.incrementingColumn = incrementingColumn;
        this.timestampColumns = List.copyOf(timestampColumns);
        this.suffix = suffix == null ? "" : suffix.trim();
    }

    public static ModeQuery of(Mode mode, Dialect dialect, String incrementingColumn, List<String> timestampColumns,
            String suffix) {
        return switch (mode) {
            case BULK -> new BulkQuery(dialect, suffix);
            case INCREMENTING -> new IncrementingQuery(dialect, incrementingColumn, suffix);
            case TIMESTAMP -> new TimestampQuery(dialect, timestampColumns, suffix);
            case TIMESTAMP_INCREMENTING ->
                    new TimestampIncrementingQuery(dialect, incrementingColumn, timestampColumns, suffix);
        };
    }

    /**
     * The statement text.
     *
     * @param from      the quoted table name or a parenthesised subquery with an alias
     * @param hasOffset whether a previous offset bounds the rows from below
     */
    public String sql(String from, boolean hasOffset) {
        String body = "SELECT * FROM " + from + whereAndOrder(hasOffset);
        return suffix.isEmpty() ? body : body + " " + suffix;
    }

    /** The WHERE and ORDER BY clauses, each with a leading space, or "". */
    protected abstract String whereAndOrder(boolean hasOffset);

    /** Whether the query reads up to the database clock minus the delay (the timestamp modes). */
    public boolean needsUpperBound() {
        return false;
    }

    /** Whether {@code offset} bounds the rows from below, i.e. {@link #sql} needs its {@code hasOffset} form. */
    public boolean startsAfter(SourceOffset offset) {
        return false;
    }

    /**
     * Binds the parameters of {@link #sql}.
     *
     * @param offset     the offset to continue after, or null
     * @param upperBound the exclusive upper bound for the timestamp modes, else null
     */
    public abstract void bind(PreparedStatement statement, SourceOffset offset, Timestamp upperBound, Calendar zone)
            throws SQLException;

    /**
     * The offset to store with a copied row: once Connect has committed it, a restart continues right after it.
     *
     * @param previous the offset stored with the row before, or null
     * @param row      the position of the row being copied
     * @param next     the position of the next row of this query, or null when the row is the last one
     */
    public abstract SourceOffset offsetAfter(SourceOffset previous, SourceOffset row, SourceOffset next);

    public String incrementingColumn() {
        return incrementingColumn;
    }

    public List<String> timestampColumns() {
        return timestampColumns;
    }

    /** The timestamp to compare: the column itself, or COALESCE of the columns so the first non-null wins. */
    protected String timestampExpression() {
        if (timestampColumns.size() == 1) {
            return dialect.quote(timestampColumns.get(0));
        }
        StringJoiner columns = new StringJoiner(", ", "COALESCE(", ")");
        timestampColumns.forEach(c -> columns.add(dialect.quote(c)));
        return columns.toString();
    }
}
