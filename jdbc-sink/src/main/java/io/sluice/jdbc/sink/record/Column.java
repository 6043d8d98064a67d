package io.sluice.jdbc.sink.record;

import org.apache.kafka.connect.data.Schema;

/**
 * One target column as the records describe it.
 *
 * @param name   the column name, as it will be written (before any case folding of the database)
 * @param schema the field's Connect schema, or null for schemaless records
 * @param kind   what the values mean, or null for schemaless records
 * @param key    whether the column belongs to the key
 */
public record Column(String name, Schema schema, ValueKind kind, boolean key) {

    public static Column of(String name, Schema schema, boolean key) {
        return new Column(name, schema, ValueKind.of(schema), key);
    }

    public static Column schemaless(String name, boolean key) {
        return new Column(name, null, null, key);
    }

    /** Whether a row may leave this column empty. Key columns never may. */
    public boolean optional() {
        return !key && (schema == null || schema.isOptional() || schema.defaultValue() != null);
    }

    public Object defaultValue() {
        return schema == null ? null : schema.defaultValue();
    }
}
