package io.sluice.jdbc.sink.dialect;

/**
 * A target table: an optional schema (a database, for MySQL and MariaDB) and a name, as the database
 * stores them (already folded when {@code quote.identifiers=false}).
 */
public record TableName(String schema, String table) {

    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }
}
