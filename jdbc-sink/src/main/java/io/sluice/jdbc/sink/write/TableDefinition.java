package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.dialect.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The columns an existing table has, read from the JDBC metadata. */
record TableDefinition(TableName name, Map<String, ExistingColumn> columns) {

    /** One column: its JDBC type, type name, whether it takes NULL and whether it has a default. */
    record ExistingColumn(String name, int jdbcType, String typeName, boolean nullable, boolean hasDefault) {
    }

    /** The table's definition, or null when it does not exist. */
    static TableDefinition read(Connection connection, TableName table, boolean catalogIsSchema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String escape = meta.getSearchStringEscape();
        String schema = table.schema();
        String catalog = null;
        String schemaPattern;
        if (catalogIsSchema) {
            // MySQL and MariaDB: a "schema" is a database, which JDBC calls a catalog.
            catalog = schema != null ? schema : connection.getCatalog();
            schemaPattern = null;
        } else {
            schemaPattern = escapePattern(schema != null ? schema : connection.getSchema(), escape);
        }
        Map<String, ExistingColumn> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schemaPattern, escapePattern(table.table(), escape), null)) {
            while (rs.next()) {
                // Patterns may still match more than the exact name on some drivers: compare exactly.
                if (!table.table().equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                String defaultValue = rs.getString("COLUMN_DEF");
                String autoIncrement = rs.getString("IS_AUTOINCREMENT");
                columns.put(name, new ExistingColumn(name, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        defaultValue != null || "YES".equalsIgnoreCase(autoIncrement)));
            }
        }
        return columns.isEmpty() ? null : new TableDefinition(table, columns);
    }

    private static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
