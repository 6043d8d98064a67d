package io.sluice.cdc.postgres.table;

/** A table by schema and name, as PostgreSQL stores them (case preserved, unquoted). */
public record TableId(String schema, String table) {

    /** {@code schema.table}, the form the include lists and Debezium's data collection names use. */
    public String qualified() {
        return schema + "." + table;
    }

    /** The table as a safely quoted SQL identifier. */
    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return qualified();
    }
}
