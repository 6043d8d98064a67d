package io.sluice.verify.dialect;

import io.sluice.verify.db.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class MariaDbCatalog extends InformationSchemaCatalog {

    private final MariaDbDialect dialect;

    MariaDbCatalog(MariaDbDialect dialect) {
        super("'mysql', 'information_schema', 'performance_schema', 'sys'");
        this.dialect = dialect;
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT DATABASE()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public List<Column> columns(Connection connection, TableName table) throws SQLException {
        Set<String> json = jsonColumns(connection, table);
        String sql = "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String type = rows.getString(2);
                    columns.add(new Column(name, type, dialect.kindOf(type, json.contains(name))));
                }
            }
        }
        return columns;
    }

    /** MariaDB stores JSON as LONGTEXT with a json_valid check named after the column. */
    private static Set<String> jsonColumns(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CHECK_CLAUSE LIKE 'json_valid(%'";
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public long estimatedRows(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
