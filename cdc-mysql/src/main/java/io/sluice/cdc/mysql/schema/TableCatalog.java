package io.sluice.cdc.mysql.schema;

import io.sluice.cdc.mysql.config.CaptureConfig;
import io.sluice.cdc.mysql.config.TypeConfig;
import io.sluice.schema.types.ColumnConverter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads table structures from information_schema and turns them into {@link CapturedTable}s with the user's
 * filters, keys and type options. Uses the connection it is given from one thread at a time.
 */
public final class TableCatalog {

    private final CatalogConnection connections;
    private final CaptureConfig capture;
    private final TypeConfig types;
    private final boolean mariaDb;

    public TableCatalog(CatalogConnection connections, CaptureConfig capture, TypeConfig types, boolean mariaDb) {
        this.connections = connections;
        this.capture = capture;
        this.types = types;
        this.mariaDb = mariaDb;
    }

    /** Whether the user captures this table. */
    public boolean isCaptured(TableId id) {
        return capture.tableFilter().includesTable(id.database(), id.table());
    }

    /** The captured base tables that exist now, ordered by database and name. */
    public List<TableId> capturedTables() throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "ORDER BY TABLE_SCHEMA, TABLE_NAME");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                TableId id = new TableId(rows.getString(1), rows.getString(2));
                if (isCaptured(id)) {
                    tables.add(id);
                }
            }
        }
        return tables;
    }

    /** The captured base tables of one database that exist now, ordered by name. */
    public List<TableId> capturedTables(String database) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "AND TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableId id = new TableId(rows.getString(1), rows.getString(2));
                    if (isCaptured(id)) {
                        tables.add(id);
                    }
                }
            }
        }
        return tables;
    }

    /**
     * The base table as the server spells it: the exact name when it exists, else a name differing only in case
     * (information_schema compares names ignoring case); null when there is none.
     */
    public TableId resolve(TableId id) throws SQLException {
        TableId found = null;
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "AND TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableId candidate = new TableId(rows.getString(1), rows.getString(2));
                    if (candidate.equals(id)) {
                        return candidate;
                    }
                    if (found == null && candidate.database().equalsIgnoreCase(id.database())
                            && candidate.table().equalsIgnoreCase(id.table())) {
                        found = candidate;
                    }
                }
            }
        }
        return found;
    }

    public boolean isCapturedDatabase(String database) {
        return capture.tableFilter().includesDatabase(database);
    }

    /** The table's current structure, or null when it does not exist (any more). */
    public TableDefinition read(TableId id) throws SQLException {
        List<ColumnDefinition> columns = new ArrayList<>();
        Set<String> jsonColumns = mariaDb ? mariaDbJsonColumns(id) : Set.of();
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, "
                        + "NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, EXTRA, "
                        + "COLUMN_DEFAULT, COLUMN_COMMENT FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(column(rows, jsonColumns));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? "
                        + "AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    primaryKey.add(rows.getString(1));
                }
            }
        }
        String charset = null;
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                String collation = rows.next() ? rows.getString(1) : null;
                // Collation names start with their character set: utf8mb4_general_ci, latin1_swedish_ci, binary.
                if (collation != null) {
                    int underscore = collation.indexOf('_');
                    charset = underscore > 0 ? collation.substring(0, underscore) : collation;
                }
            }
        }
        return new TableDefinition(id, columns, primaryKey, charset);
    }

    private static ColumnDefinition column(ResultSet rows, Set<String> jsonColumns) throws SQLException {
        String name = rows.getString("COLUMN_NAME");
        String dataType = rows.getString("DATA_TYPE").toLowerCase(Locale.ROOT);
        String columnType = rows.getString("COLUMN_TYPE");
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        long charLength = rows.getLong("CHARACTER_MAXIMUM_LENGTH");
        boolean hasCharLength = !rows.wasNull();
        long precision = rows.getLong("NUMERIC_PRECISION");
        boolean hasPrecision = !rows.wasNull();
        int scale = rows.getInt("NUMERIC_SCALE");
        boolean hasScale = !rows.wasNull();
        int fsp = rows.getInt("DATETIME_PRECISION");
        boolean hasFsp = !rows.wasNull();
        int length = -1;
        int columnScale = -1;
        switch (dataType) {
            case "decimal", "numeric" -> {
                length = (int) precision;
                columnScale = hasScale ? scale : 0;
            }
            case "bit" -> length = hasPrecision ? (int) precision : bitLength(columnType);
            case "time", "datetime", "timestamp" -> columnScale = hasFsp ? fsp : 0;
            default -> {
                if (hasCharLength) {
                    length = (int) Math.min(charLength, Integer.MAX_VALUE);
                }
            }
        }
        List<String> enumValues = "enum".equals(dataType) || "set".equals(dataType)
                ? parseEnumValues(columnType) : List.of();
        String extra = rows.getString("EXTRA");
        String lowerExtra = extra == null ? "" : extra.toLowerCase(Locale.ROOT);
        return new ColumnDefinition(name, rows.getInt("ORDINAL_POSITION"), dataType, columnType, unsigned, length,
                columnScale, "YES".equalsIgnoreCase(rows.getString("IS_NULLABLE")),
                rows.getString("CHARACTER_SET_NAME"), enumValues,
                "json".equals(dataType) || jsonColumns.contains(name.toLowerCase(Locale.ROOT)),
                rows.getString("COLUMN_DEFAULT"), lowerExtra.contains("auto_increment"),
                lowerExtra.contains("generated") || lowerExtra.contains("virtual") || lowerExtra.contains("persistent"),
                emptyToNull(rows.getString("COLUMN_COMMENT")));
    }

    private static int bitLength(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')');
        return open > 0 && close > open ? Integer.parseInt(columnType.substring(open + 1, close)) : 1;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** MariaDB's JSON is LONGTEXT with a {@code json_valid(`col`)} check named after the column. */
    private Set<String> mariaDbJsonColumns(TableId id) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connections.get().prepareStatement(
                "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, id.database());
            statement.setString(2, id.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String clause = rows.getString(2).toLowerCase(Locale.ROOT).replace(" ", "");
                    String name = rows.getString(1).toLowerCase(Locale.ROOT);
                    if (clause.equals("json_valid(`" + name.replace("`", "``") + "`)")) {
                        columns.add(name);
                    }
                }
            }
        }
        return columns;
    }

    /** The quoted values of {@code enum('a','b''c')} or {@code set(...)}, unquoted. */
    public static List<String> parseEnumValues(String columnType) {
        List<String> values = new ArrayList<>();
        int open = columnType.indexOf('(');
        if (open < 0) {
            return values;
        }
        StringBuilder current = null;
        for (int i = open + 1; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (current == null) {
                if (c == '\'') {
                    current = new StringBuilder();
                } else if (c == ')') {
                    break;
                }
            } else if (c == '\'') {
                if (i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else {
                    values.add(current.toString());
                    current = null;
                }
            } else if (c == '\\' && i + 1 < columnType.length()) {
                current.append(columnType.charAt(++i));
            } else {
                current.append(c);
            }
        }
        return values;
    }

    /** The captured version of a table structure: filtered columns, key, converters. */
    public CapturedTable capture(TableDefinition definition) {
        TableId id = definition.id();
        List<ColumnDefinition> columns = definition.columns();
        List<String> keyColumns = capture.messageKeyColumns().keyColumns(id.database(), id.table());
        if (keyColumns == null) {
            keyColumns = definition.primaryKey();
        }
        Set<String> keys = new HashSet<>();
        keyColumns.forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
        boolean[] written = new boolean[columns.size()];
        ColumnConverter[] converters = new ColumnConverter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnDefinition column = columns.get(i);
            written[i] = keys.contains(column.name().toLowerCase(Locale.ROOT))
                    || capture.tableFilter().includesColumn(id.database(), id.table(), column.name());
            converters[i] = ColumnConverters.forColumn(id, column, types);
        }
        return CapturedTable.of(capture.topicPrefix(), definition, written, converters, keyColumns);
    }
}
