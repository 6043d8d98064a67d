package io.sluice.verify.db;

import java.util.Objects;

/**
 * A table name, optionally qualified by its schema (PostgreSQL) or database (MariaDB/MySQL).
 * Written {@code schema.table}; a name without a dot has no schema and the connection's default applies.
 */
public record TableName(String schema, String table) {

    public TableName {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
    }

    public static TableName parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return new TableName(null, text);
        }
        if (dot == 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("bad table name '" + text + "': expected table or schema.table");
        }
        return new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    public boolean hasSchema() {
        return schema != null;
    }

    public TableName inSchema(String defaultSchema) {
        return hasSchema() ? this : new TableName(defaultSchema, table);
    }

    @Override
    public String toString() {
        return hasSchema() ? schema + "." + table : table;
    }
}
