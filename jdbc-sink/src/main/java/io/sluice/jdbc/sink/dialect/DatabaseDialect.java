package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;

/**
 * What differs between target databases: SQL text, column types, value binding, identifier rules and
 * which errors are worth a retry. One small class per database; adding a database is adding one class.
 */
public interface DatabaseDialect {

    /** postgresql, mysql or mariadb. */
    String name();

    /** The identifier in the database's quotes, embedded quotes escaped. */
    String quote(String identifier);

    /** How the database folds an unquoted identifier (PostgreSQL: lower case). */
    String foldUnquoted(String identifier);

    /** Longest identifier the database keeps without truncating it. */
    int maxIdentifierLength();

    /** The length of an identifier as the database counts it against {@link #maxIdentifierLength()}. */
    default int identifierLength(String identifier) {
        return identifier.codePointCount(0, identifier.length());
    }

    /** Most bind parameters in one statement. */
    int maxBindParameters();

    /** The column type used in CREATE TABLE and ALTER TABLE ADD COLUMN for a column of this kind. */
    String columnType(Column column);

    /** The binder for a column's values; {@code zone} is database.time_zone. */
    ColumnBinder binder(Column column, ZoneId zone);

    /** The table with schema and name quoted. */
    String qualified(TableName table);

    String insert(TableName table, List<String> keyColumns, List<String> valueColumns);

    String upsert(TableName table, List<String> keyColumns, List<String> valueColumns);

    String update(TableName table, List<String> keyColumns, List<String> valueColumns);

    /**
     * A faster way than the batch statement to insert ({@code upsert} false) or upsert many rows, or null when the
     * database has none or a column needs its values bound.
     *
     * @param columns  the key columns, then the value columns
     * @param names    their names in the table, in the same order
     * @param keyCount how many of them form the key
     */
    default BulkLoad bulkLoad(TableName table, List<Column> columns, List<String> names, int keyCount,
                              boolean upsert, ZoneId zone) {
        return null;
    }

    /** A delete of {@code rows} keys in one statement. */
    String delete(TableName table, List<String> keyColumns, int rows);

    /** Empties the table inside the flush transaction. */
    String truncate(TableName table);

    String createTable(TableName table, List<Column> columns);

    /** Creates the schema (PostgreSQL) or database (MySQL, MariaDB) a new table goes into, if missing. */
    String createSchema(String schema);

    String addColumn(TableName table, Column column);

    /** Adds the driver properties that make JDBC batches into multi-row statements, unless the URL sets them. */
    void addBatchRewriting(String url, Properties driverProperties);

    /**
     * The id of the connection's current transaction, taken just before its commit so that a commit whose
     * acknowledgement is lost can be looked up afterwards ({@link #committed}); null where the database cannot
     * tell a transaction's outcome later (then the flush is written again, which upserts make harmless).
     */
    default Long transactionId(Connection connection) throws SQLException {
        return null;
    }

    /** Whether the transaction {@link #transactionId} returned committed; asked on another connection. */
    default boolean committed(Connection connection, long transactionId) throws SQLException {
        throw new UnsupportedOperationException(name() + " cannot tell whether a transaction committed");
    }

    /** Whether an error is transient: the same work on a fresh connection may succeed. */
    default boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("55P03") || state.equals("HYT00"))) {
                    return true;
                }
                if (isTransientErrorCode(sql.getErrorCode())) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != t && isTransient(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an error is the fault of the row being written (a bad value, a violated constraint), so that
     * the record can go to the dead letter queue while its neighbours are written.
     */
    default boolean isRecordError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException() == s ? null : s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                    if (isRecordErrorCode(s.getErrorCode())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Vendor error codes of bad values that their SQLState does not mark as such. */
    default boolean isRecordErrorCode(int code) {
        return false;
    }

    /** Vendor error codes that mean "retry" although their SQLState does not say so. */
    default boolean isTransientErrorCode(int code) {
        return false;
    }
}
