package io.sluice.jdbc.sink.config;

/** Where the key columns of the target table come from. */
public enum PrimaryKeyMode {
    /** No key: rows are only inserted. */
    NONE,
    /** The record's Kafka coordinates (topic, partition, offset) form the key. */
    KAFKA,
    /** The record key: the fields of a struct key, or a single primitive key. */
    RECORD_KEY,
    /** Fields of the record value. */
    RECORD_VALUE
}
