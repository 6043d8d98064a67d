package io.sluice.jdbc.source.schema;

import org.apache.kafka.connect.data.Schema;

/** One result column: its field name, its Connect schema, and how to read it. */
public record ColumnMapping(String name, Schema schema, ColumnReader reader) {
}
