package io.sluice.jdbc.sink.config;

/** How a change that carries a row is written. */
public enum InsertMode {
    /** Plain {@code INSERT}; a row that already exists is an error. */
    INSERT,
    /** Insert, or update the row with the same key when it exists. */
    UPSERT,
    /** {@code UPDATE} of the row with the same key; a missing row is left missing. */
    UPDATE
}
