package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's fast path for large batches: {@code COPY} the rows into a session-private staging table, then
 * one {@code INSERT ... SELECT ... [ON CONFLICT ... DO UPDATE]} into the target. Each staging column has the
 * type the JDBC binder would bind (or the target column's own type where it binds untyped text), so the
 * insert applies the same conversions a bound statement would. The staging table is a temporary table that
 * empties at each commit; it is created (if missing) in front of every load, because a rolled-back
 * transaction takes its creation with it.
 *
 * <p>Rows that are all new (inserts, CDC creates) skip the staging table and are copied straight into the
 * target, which costs the server about half as much. That is only done where it gives the same row: every
 * target column has the type the value would be staged in (or one that reads an integer's text the same way),
 * the table is a plain or partitioned table without rules, and, for upserts, inside a savepoint: if a key is
 * already there (a redelivery, a second snapshot) the copy is undone and the rows take the staging path, and
 * the next few loads go there directly, a number that doubles while the conflicts go on.
 */
final class PostgresCopyLoad implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCopyLoad.class);
    private static final AtomicLong STAGING_TABLES = new AtomicLong();
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CONNECTION_FAILURE = "08006";
    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    /** Rows are sent to the server in chunks of about this many characters, so that it parses while we encode. */
    private static final int CHUNK_CHARS = 32 * 1024;

    private final CopyText[] columns;
    private final CopyText.Encoder[] encoders;
    private final String table;
    private final List<String> names;
    private final boolean upsert;
    private final String createStaging;
    private final String copy;
    private final String apply;
    private final String copyIntoTable;
    /** Null until the first load of new rows looks at the table's column types. */
    private Boolean tableTakesCopy;
    private final ConflictBackoff backoff = new ConflictBackoff();

    private PostgresCopyLoad(CopyText[] columns, String table, List<String> names, boolean upsert,
                             String createStaging, String copy, String apply, String copyIntoTable) {
        this.columns = columns;
        this.encoders = Arrays.stream(columns).map(CopyText::encoder).toArray(CopyText.Encoder[]::new);
        this.table = table;
        this.names = names;
        this.upsert = upsert;
        this.createStaging = createStaging;
        this.copy = copy;
        this.apply = apply;
        this.copyIntoTable = copyIntoTable;
    }

    /** The load for these columns (key columns first), or null when a column's values must be bound. */
    static PostgresCopyLoad of(PostgresDialect dialect, TableName table, List<Column> columns, List<String> names,
                               int keyCount, boolean upsert, ZoneId zone) {
        CopyText[] texts = new CopyText[columns.size()];
        String target = dialect.qualified(table);
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
                + stagingColumns + " FROM " + target + " t WITH NO DATA";
        String apply = "INSERT INTO " + target + " (" + targetColumns + ") SELECT " + selected
                + " FROM " + staging;
        if (upsert) {
            apply += dialect.onConflict(names.subList(0, keyCount), names.subList(keyCount, names.size()));
        }
        return new PostgresCopyLoad(texts, target, List.copyOf(names), upsert, create,
                "COPY " + staging + " FROM STDIN", apply, "COPY " + target + " (" + targetColumns + ") FROM STDIN");
    }

    /** The staging path's three statements, then the direct copy, for tests and logs. */
    @Override
    public String toString() {
        return createStaging + "|" + copy + "|" + apply + "|" + copyIntoTable;
    }

    /** Appends one row in COPY's text format, see {@link CopyText#appendRow}. */
    void appendRow(StringBuilder rows, Object[] key, Object[] values) {
        CopyText.appendRow(rows, key, values, encoders);
    }

    @Override
    public Load open(Connection connection, boolean newRows) throws SQLException {
        boolean direct = newRows && copiesIntoTable(connection);
        // Every load can be undone: a value found later to have no COPY form, or a key the table has, ends it.
        Savepoint savepoint = connection.setSavepoint();
        try {
            if (!direct) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(createStaging);
                }
            }
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(direct ? copyIntoTable : copy);
            return new CopyLoad(connection, savepoint, in, direct);
        } catch (SQLException | RuntimeException e) {
            Rollback.toSavepoint(connection, savepoint, e);
            throw e;
        }
    }

    private final class CopyLoad implements Load {
        private final Connection connection;
        private final Savepoint savepoint;
        private final CopyIn in;
        private final boolean direct;
        private final StringBuilder rows = new StringBuilder(CHUNK_CHARS + 1024);

        CopyLoad(Connection connection, Savepoint savepoint, CopyIn in, boolean direct) {
            this.connection = connection;
            this.savepoint = savepoint;
            this.in = in;
            this.direct = direct;
        }

        @Override
        public void appendRow(Object[] key, Object[] values) throws SQLException {
            int mark = rows.length();
            try {
                PostgresCopyLoad.this.appendRow(rows, key, values);
            } catch (RuntimeException e) {
                rows.setLength(mark);
                throw e;
            }
            if (rows.length() >= CHUNK_CHARS) {
                send();
            }
        }

        private void send() throws SQLException {
            byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
            rows.setLength(0);
            try {
                in.writeToCopy(data, 0, data.length);
            } catch (RuntimeException e) {
                // The driver's, not the record's: PgJDBC has thrown NullPointerException here on a killed connection.
                throw new SQLException("sending rows to COPY failed: " + e, CONNECTION_FAILURE, e);
            }
        }

        @Override
        public Outcome finish() throws SQLException {
            try {
                send();
                in.endCopy();
                if (!direct) {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate(apply);
                    }
                }
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException cancelFailed) {
                        e.addSuppressed(cancelFailed);
                    }
                }
                Rollback.toSavepoint(connection, savepoint, e);
                if (!(direct && upsert && UNIQUE_VIOLATION.equals(e.getSQLState()))) {
                    throw e;
                }
                int skipped = backoff.conflicted();
                LOG.debug("Copying new rows into {} met a key it already has ({}); upserting them through the staging "
                        + "table, as the next {} loads", table, e.getMessage(), skipped);
                return Outcome.NOT_WRITTEN;
            }
            if (direct) {
                backoff.wroteDirectly();
                return Outcome.WRITTEN_DIRECTLY;
            }
            return Outcome.WRITTEN;
        }

        @Override
        public void abandon() throws SQLException {
            if (in.isActive()) {
                in.cancelCopy();
            }
            connection.rollback(savepoint);
        }
    }

    /** Whether new rows may go straight into the table now; looks at its columns on the first call. */
    private boolean copiesIntoTable(Connection connection) throws SQLException {
        if (backoff.skipThisLoad()) {
            return false;
        }
        if (tableTakesCopy == null) {
            tableTakesCopy = tableTakesCopy(connection);
        }
        return tableTakesCopy;
    }

    private boolean tableTakesCopy(Connection connection) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relkind, c.relhasrules, a.attname, "
                + "t.typname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                + "AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    if (!("r".equals(kind) || "p".equals(kind)) || rs.getBoolean(2)) {
                        LOG.info("{} is not a plain table without rules: new rows are upserted through the staging "
                                + "table", table);
                        return false;
                    }
                    types.put(rs.getString(3), rs.getString(4));
                }
            }
        }
        for (int i = 0; i < columns.length; i++) {
            String staged = columns[i].stagingType();
            String actual = types.get(names.get(i));
            if (actual == null || !(staged == null || readsTheSame(staged, actual))) {
                LOG.info("Column {} of {} has type {}, not the {} its values are bound as: new rows are written "
                        + "through the staging table, so that they are converted as a bound statement would", names.get(i),
                        table, actual, staged);
                return false;
            }
        }
        return true;
    }

    /** Whether a value staged as {@code staged} and cast to {@code target} equals its text read as {@code target}. */
    private static boolean readsTheSame(String staged, String target) {
        return staged.equals(target)
                || (INTEGERS.contains(staged) && (INTEGERS.contains(target) || "numeric".equals(target)));
    }
}
