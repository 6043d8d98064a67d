package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.ConnectValues;
import io.sluice.jdbc.sink.record.ValueKind;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL's and MariaDB's fast path for new rows: {@code LOAD DATA LOCAL INFILE} from a stream the sink writes,
 * which costs the server about half what the multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE} does. Rows
 * that may already be in the table are written with the batch statement, so this load only runs for flushes
 * of new rows (insert mode, CDC creates and snapshot reads). With {@code LOCAL} the server skips rows with a
 * duplicate key and turns bad values into warnings instead of failing, so the load runs under a savepoint and
 * counts: unless every row was inserted without a warning, it is rolled back and the rows go through the
 * batch statement, which upserts them or fails on the record at fault as always. After a duplicate key (a
 * redelivery, a second snapshot) the next few loads skip the attempt ({@link ConflictBackoff}).
 *
 * <p>Each value is written as the text the MariaDB driver sends for the bound value, so the server converts
 * it the same way. Only columns whose kinds and target types are plain (integers, booleans, doubles, strings
 * into text columns, decimals, dates, timestamps into DATETIME) take part; any other column leaves the
 * layout to the batch statement. Needs the MariaDB driver ({@code allowLocalInfile}, on by default) and the
 * server's {@code local_infile}; where the server refuses, the table's loads go back to the batch statement.
 */
final class MySqlLoadData implements BulkLoad {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlLoadData.class);
    /** ER_NOT_ALLOWED_COMMAND (MySQL, MariaDB) and ER_LOAD_INFILE_CAPABILITY_DISABLED (MariaDB). */
    private static final Set<Integer> LOCAL_INFILE_REFUSED = Set.of(1148, 4166);
    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint",
            "decimal");
    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext");

    private final String table;
    private final String schema;
    private final String tableName;
    private final List<String> names;
    private final ValueKind[] kinds;
    private final CopyText.Encoder[] encoders;
    private final String load;
    private final ConflictBackoff backoff = new ConflictBackoff();
    /** Null until the first load looks at the table's column types; false once the server refused a load. */
    private Boolean tableTakesLoad;

    private MySqlLoadData(String table, TableName name, List<String> names, ValueKind[] kinds, CopyText.Encoder[] encoders,
                          String load) {
        this.table = table;
        this.schema = name.schema();
        this.tableName = name.table();
        this.names = names;
        this.kinds = kinds;
        this.encoders = encoders;
        this.load = load;
    }

    /** The load for these columns (key columns first), or null when a column's values must be bound. */
    static MySqlLoadData of(MySqlDialect dialect, TableName table, List<Column> columns, List<String> names,
                            ZoneId zone) {
        ValueKind[] kinds = new ValueKind[columns.size()];
        CopyText.Encoder[] encoders = new CopyText.Encoder[columns.size()];
        StringJoiner targetColumns = new StringJoiner(",", "(", ")");
        for (int i = 0; i < columns.size(); i++) {
            kinds[i] = columns.get(i).kind();
            encoders[i] = kinds[i] == null ? null : encoder(kinds[i], zone);
            if (encoders[i] == null) {
                return null;
            }
            targetColumns.add(dialect.quote(names.get(i)));
        }
        String qualified = dialect.qualified(table);
        return new MySqlLoadData(qualified, table, List.copyOf(names), kinds, encoders,
                "LOAD DATA LOCAL INFILE 'sluice-rows' INTO TABLE " + qualified + " CHARACTER SET utf8mb4 "
                        + targetColumns);
    }

    /** The text the MariaDB driver sends for a value of this kind, or null for kinds left to the statement. */
    private static CopyText.Encoder encoder(ValueKind kind, ZoneId zone) {
        return switch (kind) {
            case INT8, INT16, INT32, INT64 -> (out, v) -> out.append(((Number) v).longValue());
            case BOOLEAN -> (out, v) -> out.append((Boolean) v ? '1' : '0');
            case FLOAT64 -> (out, v) -> {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CopyText.NotCopyable("not a finite number");
                }
                out.append(d);
            };
            case STRING -> (out, v) -> CopyText.appendEscaped(out, (String) v);
            case DECIMAL -> (out, v) -> out.append(((BigDecimal) v).toPlainString());
            case VARIABLE_DECIMAL -> (out, v) -> out.append(ConnectValues.variableScaleDecimal(v).toPlainString());
            case DATE_CONNECT, DATE_DAYS -> (out, v) -> {
                LocalDate date = ConnectValues.date(kind, v);
                CopyText.checkYear(date.getYear());
                CopyText.appendDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            };
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, ZONED_TIMESTAMP ->
                    (out, v) -> CopyText.appendDateTime(out, ConnectValues.localDateTime(kind, v, zone), ' ');
            default -> null;
        };
    }

    /** Whether a value of this kind, as text, is read by a column of this type as its bound value is. */
    private static boolean fits(ValueKind kind, String type) {
        return switch (kind) {
            case INT8, INT16, INT32, INT64 -> INTEGER_TYPES.contains(type);
            case BOOLEAN -> "tinyint".equals(type);
            case FLOAT64 -> "double".equals(type);
            case STRING -> TEXT_TYPES.contains(type);
            case DECIMAL, VARIABLE_DECIMAL -> "decimal".equals(type);
            case DATE_CONNECT, DATE_DAYS -> "date".equals(type);
            default -> "datetime".equals(type);
        };
    }

    /** The statement, for tests and logs. */
    @Override
    public String toString() {
        return load;
    }

    @Override
    public Load open(Connection connection, boolean newRows) throws SQLException {
        if (!newRows || backoff.skipThisLoad()) {
            return null;
        }
        if (tableTakesLoad == null) {
            tableTakesLoad = tableTakesLoad(connection);
        }
        return tableTakesLoad ? new TextLoad(connection) : null;
    }

    private boolean tableTakesLoad(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!statement.isWrapperFor(org.mariadb.jdbc.Statement.class)) {
                LOG.info("The driver for {} is not MariaDB's: new rows are written with the batch statement", table);
                return false;
            }
        }
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.COLUMN_NAME, c.DATA_TYPE, "
                + "t.TABLE_TYPE FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND c.TABLE_NAME = ?")) {
            statement.setString(1, schema);
            statement.setString(2, tableName);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!"BASE TABLE".equals(rs.getString(3))) {
                        LOG.info("{} is not a base table: new rows are written with the batch statement", table);
                        return false;
                    }
                    types.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        for (int i = 0; i < kinds.length; i++) {
            String type = types.get(names.get(i));
            if (type == null || !fits(kinds[i], type)) {
                LOG.info("Column {} of {} has type {}, which LOAD DATA may fill differently from a bound {}: new rows "
                        + "are written with the batch statement", names.get(i), table, type, kinds[i]);
                return false;
            }
        }
        return true;
    }

    private final class TextLoad implements Load {
        private final Connection connection;
        private final StringBuilder rows = new StringBuilder(64 * 1024);
        private int rowCount;

        TextLoad(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void appendRow(Object[] key, Object[] values) {
            int mark = rows.length();
            try {
                CopyText.appendRow(rows, key, values, encoders);
                rowCount++;
            } catch (RuntimeException e) {
                rows.setLength(mark);
                throw e;
            }
        }

        @Override
        public Outcome finish() throws SQLException {
            byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
            Savepoint savepoint = connection.setSavepoint();
            long loaded;
            SQLWarning warning;
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(org.mariadb.jdbc.Statement.class)
                        .setLocalInfileInputStream(new ByteArrayInputStream(data));
                loaded = statement.executeLargeUpdate(load);
                warning = statement.getWarnings();
            } catch (SQLException e) {
                Rollback.toSavepoint(connection, savepoint, e);
                if (LOCAL_INFILE_REFUSED.contains(e.getErrorCode())) {
                    LOG.warn("The server refuses LOAD DATA LOCAL INFILE ({}); rows of {} are written with the batch "
                            + "statement. Set local_infile=ON on the server for faster loads of new rows, or "
                            + "bulk.load.enabled=false.", e.getMessage(), table);
                    tableTakesLoad = false;
                    return Outcome.NOT_WRITTEN;
                }
                throw e;
            }
            if (loaded != rowCount || warning != null) {
                connection.rollback(savepoint);
                int skipped = backoff.conflicted();
                LOG.debug("Loading {} new rows into {} inserted {} (first warning: {}); writing them with the batch "
                        + "statement, as the next {} loads", rowCount, table, loaded,
                        warning == null ? "none" : warning.getMessage(), skipped);
                return Outcome.NOT_WRITTEN;
            }
            connection.releaseSavepoint(savepoint);
            backoff.wroteDirectly();
            return Outcome.WRITTEN_DIRECTLY;
        }

        @Override
        public void abandon() {
            rows.setLength(0);  // nothing was sent yet
        }
    }
}
