package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's fast path for large batches: {@code COPY} the rows into a session-private staging table, then
 * one {@code INSERT ... SELECT ... [ON CONFLICT ... DO UPDATE]} into the target. Each staging column has the
 * type the JDBC binder would bind (or the target column's own type where it binds untyped text), so the
 * insert applies the same conversions a bound statement would. The staging table is a temporary table that
 * empties at each commit; it is created (if missing) in front of every load, because a rolled-back
 * transaction takes its creation with it.
 */
final class PostgresCopyLoad implements BulkLoad {

    private static final AtomicLong STAGING_TABLES = new AtomicLong();

    private final CopyText[] columns;
    private final String createStaging;
    private final String copy;
    private final String apply;

    private PostgresCopyLoad(CopyText[] columns, String createStaging, String copy, String apply) {
        this.columns = columns;
        this.createStaging = createStaging;
        this.copy = copy;
        this.apply = apply;
    }

    /** The load for these columns (key columns first), or null when a column's values must be bound. */
    static PostgresCopyLoad of(PostgresDialect dialect, TableName table, List<Column> columns, List<String> names,
                               int keyCount, boolean upsert, ZoneId zone) {
        CopyText[] texts = new CopyText[columns.size()];
        String staging = "pg_temp.sluice_staging_" + STAGING_TABLES.incrementAndGet();
        StringJoiner stagingColumns = new StringJoiner(", ");
        StringJoiner targetColumns = new StringJoiner(",");
        StringJoiner selected = new StringJoiner(",");
        for (int i = 0; i < columns.size(); i++) {
            texts[i] = CopyText.of(columns.get(i), zone);
            if (texts[i] == null) {
                return null;
            }
            String quoted = dialect.quote(names.get(i));
            String type = texts[i].stagingType();
            stagingColumns.add((type != null ? "NULL::" + type : "t." + quoted) + " AS c" + i);
            targetColumns.add(quoted);
            selected.add("c" + i);
        }
        String create = "CREATE TEMPORARY TABLE IF NOT EXISTS " + staging + " ON COMMIT DELETE ROWS AS SELECT "
                + stagingColumns + " FROM " + dialect.qualified(table) + " t WITH NO DATA";
        String apply = "INSERT INTO " + dialect.qualified(table) + " (" + targetColumns + ") SELECT " + selected
                + " FROM " + staging;
        if (upsert) {
            apply += dialect.onConflict(names.subList(0, keyCount), names.subList(keyCount, names.size()));
        }
        return new PostgresCopyLoad(texts, create, "COPY " + staging + " FROM STDIN", apply);
    }

    /** The three statements, for tests and logs. */
    @Override
    public String toString() {
        return createStaging + "|" + copy + "|" + apply;
    }

    @Override
    public void appendRow(StringBuilder rows, Object[] key, Object[] values) {
        int column = 0;
        for (Object value : key) {
            if (value == null) {
                throw new IllegalArgumentException("key column " + column + " is null");
            }
            appendValue(rows, column++, value);
        }
        for (Object value : values) {
            appendValue(rows, column++, value);
        }
        rows.setCharAt(rows.length() - 1, '\n');
    }

    private void appendValue(StringBuilder rows, int column, Object value) {
        columns[column].append(rows, value);
        rows.append('\t');
    }

    @Override
    public void load(Connection connection, StringBuilder rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(createStaging);
        }
        byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            in.writeToCopy(data, 0, data.length);
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancelFailed) {
                    e.addSuppressed(cancelFailed);
                }
            }
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(apply);
        }
    }
}
