package io.sluice.verify.dialect;

import io.sluice.verify.db.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The catalog queries PostgreSQL and MariaDB share through information_schema. */
abstract class InformationSchemaCatalog implements Catalog {

    private final String systemSchemas;

    InformationSchemaCatalog(String systemSchemas) {
        this.systemSchemas = systemSchemas;
    }

    @Override
    public TableName find(Connection connection, TableName table) throws SQLException {
        List<TableName> candidates = new ArrayList<>();
        String sql = "SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE lower(table_schema) = lower(?) AND lower(table_name) = lower(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableName found = new TableName(rows.getString(1), rows.getString(2));
                    if (found.equals(table)) {
                        return found;
                    }
                    candidates.add(found);
                }
            }
        }
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    @Override
    public List<String> primaryKey(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT k.column_name FROM information_schema.table_constraints c "
                + "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema "
                + "AND k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema "
                + "AND k.table_name = c.table_name "
                + "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = ? AND c.table_name = ? "
                + "ORDER BY k.ordinal_position";
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    @Override
    public List<TableName> tables(Connection connection) throws SQLException {
        String sql = "SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN (" + systemSchemas + ") "
                + "ORDER BY table_schema, table_name";
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableName(rows.getString(1), rows.getString(2)));
            }
        }
        return tables;
    }
}
