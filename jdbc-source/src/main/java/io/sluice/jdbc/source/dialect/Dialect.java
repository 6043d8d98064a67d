package io.sluice.jdbc.source.dialect;

import io.sluice.jdbc.source.discovery.TableId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the polling source needs to know about one kind of database: how identifiers are quoted, how to read the
 * database clock, how to stream a result set, and how to list tables and columns. This class is the ANSI SQL
 * behaviour; a subclass per database overrides only what differs.
 */
public class Dialect {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final boolean quoteIdentifiers;

    public Dialect(boolean quoteIdentifiers) {
        this.quoteIdentifiers = quoteIdentifiers;
    }

    public String name() {
        return "generic";
    }

    /** The character that opens and closes a quoted identifier. */
    protected String quoteCharacter() {
        return "\"";
    }

    /**
     * An identifier ready to put into SQL: quoted with any quote character inside doubled, or, when the user chose
     * {@code quote.sql.identifiers=never}, bare but only if it is a plain name (so it can never inject SQL).
     */
    public String quote(String identifier) {
        if (!quoteIdentifiers) {
            if (!PLAIN_IDENTIFIER.matcher(identifier).matches()) {
                throw new ConfigException("quote.sql.identifiers", "never",
                        "the identifier '" + identifier + "' must be quoted; set quote.sql.identifiers=always");
            }
            return identifier;
        }
        String quote = quoteCharacter();
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** The table's quoted, qualified name for a FROM clause. */
    public String quote(TableId table) {
        StringBuilder out = new StringBuilder();
        if (table.catalog() != null) {
            out.append(quote(table.catalog())).append('.');
        }
        if (table.schema() != null) {
            out.append(quote(table.schema())).append('.');
        }
        return out.append(quote(table.name())).toString();
    }

    /** The query that reads the database's current time. */
    public String currentTimestampQuery() {
        return "SELECT CURRENT_TIMESTAMP";
    }

    /** The database's current time, read with the database clock so that app-server clocks do not matter. */
    public Timestamp currentTimestamp(Connection connection, Calendar zone) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(currentTimestampQuery())) {
            if (!result.next()) {
                throw new SQLException("'" + currentTimestampQuery() + "' returned no row");
            }
            return result.getTimestamp(1, zone);
        }
    }

    /**
     * Driver properties the dialect adds to a new connection's, besides user and password. A property the user's
     * URL already sets is left to the URL.
     */
    public void addDriverProperties(String url, Properties properties) {
    }

    /**
     * Settings applied once to a new connection. Autocommit is off everywhere: PostgreSQL only streams a result set
     * inside a transaction, and each read round commits when it ends.
     */
    public void prepare(Connection connection, Calendar zone) throws SQLException {
        connection.setAutoCommit(false);
    }

    /** Makes {@code statement} stream its rows {@code fetchSize} at a time instead of loading them all. */
    public void stream(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchDirection(ResultSet.FETCH_FORWARD);
        statement.setFetchSize(fetchSize);
    }

    /** The catalog to search when the user gave no catalog.pattern. */
    protected String defaultCatalog(Connection connection) throws SQLException {
        return null;
    }

    /** The tables of the given kinds, sorted. */
    public List<TableId> tables(Connection connection, String catalogPattern, String schemaPattern,
            List<String> types) throws SQLException {
        String catalog = catalogPattern != null ? catalogPattern : defaultCatalog(connection);
        List<TableId> tables = new ArrayList<>();
        try (ResultSet result = connection.getMetaData().getTables(catalog, schemaPattern, "%",
                types.toArray(String[]::new))) {
            while (result.next()) {
                TableId table = new TableId(result.getString("TABLE_CAT"), result.getString("TABLE_SCHEM"),
                        result.getString("TABLE_NAME"));
                if (!isSystemSchema(table)) {
                    tables.add(table);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    protected boolean isSystemSchema(TableId table) {
        return "information_schema".equalsIgnoreCase(table.schema());
    }

    /** The table's columns in order, each with whether it may hold NULL. */
    public Map<String, Boolean> columnsNullable(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String escape = metaData.getSearchStringEscape();
        Map<String, Boolean> columns = new LinkedHashMap<>();
        try (ResultSet result = metaData.getColumns(table.catalog(), escapePattern(table.schema(), escape),
                escapePattern(table.name(), escape), "%")) {
            while (result.next()) {
                if (table.name().equals(result.getString("TABLE_NAME"))) {
                    columns.put(result.getString("COLUMN_NAME"),
                            result.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
                }
            }
        }
        return columns;
    }

    /** Binds a timestamp so that the database reads it in the same zone the source reads timestamps with. */
    public void bindTimestamp(PreparedStatement statement, int index, Timestamp value, Calendar zone)
            throws SQLException {
        statement.setTimestamp(index, value, zone);
    }

    /** Metadata searches take LIKE patterns: escape '_' and '%' inside real names. */
    static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
