package io.sluice.cdc.mysql.schema;

import java.util.Objects;

/** A table by database and name, as the server spells them. */
public record TableId(String database, String table) {

    public TableId {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
    }

    /** {@code `db`.`table`} with backticks doubled inside names, ready to put into SQL. */
    public String quoted() {
        return quote(database) + "." + quote(table);
    }

    /** Debezium's data collection name: {@code db.table}. */
    public String collectionName() {
        return database + "." + table;
    }

    /** An identifier in backticks, with backticks inside it doubled. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String toString() {
        return collectionName();
    }
}
