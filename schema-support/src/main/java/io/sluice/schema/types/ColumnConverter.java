package io.sluice.schema.types;

import org.apache.kafka.connect.data.Schema;

/**
 * Turns the values of one source column into Connect values. Built once per column and table version (schema
 * building and option lookups happen then), called for every value: implementations do no reflection and build
 * no schemas per call, and are safe to share between threads.
 */
public interface ColumnConverter {

    /** The Connect schema of the column's values; optional when the column is nullable. */
    Schema schema();

    /**
     * Converts one value.
     *
     * @param value the source value in the form the factory documents, or null for SQL NULL
     * @return the Connect value matching {@link #schema()}, or null for SQL NULL
     * @throws org.apache.kafka.connect.errors.DataException when the value cannot be read, naming the column
     */
    Object toConnect(Object value);
}
