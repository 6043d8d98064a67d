package io.sluice.verify.dialect;

import io.sluice.verify.db.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

final class PostgresCatalog extends InformationSchemaCatalog {

    PostgresCatalog() {
        super("'pg_catalog', 'information_schema'");
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public List<Column> columns(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT column_name, udt_name FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
        PostgresDialect dialect = new PostgresDialect();
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    columns.add(new Column(rows.getString(1), type, dialect.kindOf(type, false)));
                }
            }
        }
        return columns;
    }

    @Override
    public long estimatedRows(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
