package io.sluice.jdbc.sink.config;

/** What the sink may change in the target database's schema. */
public enum SchemaEvolution {
    /** Tables and columns must already exist. */
    NONE,
    /** Missing tables are created and new optional columns are added. */
    BASIC
}
