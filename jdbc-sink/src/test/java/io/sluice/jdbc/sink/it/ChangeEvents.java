package io.sluice.jdbc.sink.it;

import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builds Debezium-shaped change events of one table, with increasing offsets on partition 0. */
final class ChangeEvents {

    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("connector", Schema.STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();

    final String topic;
    final String sourceSchema;
    final String table;
    final Schema rowSchema;
    final Schema keySchema;
    final Schema envelopeSchema;
    private final List<String> keyFields;
    long offset;

    ChangeEvents(String topic, String sourceSchema, String table, Schema rowSchema, String... keyFields) {
        this.topic = topic;
        this.sourceSchema = sourceSchema;
        this.table = table;
        // Debezium's before and after are optional structs (null in creates and deletes).
        SchemaBuilder optionalRow = SchemaBuilder.struct().name(rowSchema.name()).optional();
        rowSchema.fields().forEach(f -> optionalRow.field(f.name(), f.schema()));
        rowSchema = optionalRow.build();
        this.rowSchema = rowSchema;
        this.keyFields = List.of(keyFields);
        SchemaBuilder key = SchemaBuilder.struct().name(topic + ".Key");
        for (String k : keyFields) {
            key.field(k, rowSchema.field(k).schema());
        }
        this.keySchema = key.build();
        this.envelopeSchema = SchemaBuilder.struct().name(topic + ".Envelope")
                .field("before", rowSchema)
                .field("after", rowSchema)
                .field("source", SOURCE_SCHEMA)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    /** A row of this table from alternating field names and values. */
    Struct row(Object... namesAndValues) {
        Struct row = new Struct(rowSchema);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    SinkRecord create(Struct after) {
        return event("c", null, after);
    }

    SinkRecord read(Struct after) {
        return event("r", null, after);
    }

    SinkRecord update(Struct before, Struct after) {
        return event("u", before, after);
    }

    SinkRecord delete(Struct before) {
        return event("d", before, null, keyOf(before));
    }

    SinkRecord truncate() {
        Struct envelope = new Struct(envelopeSchema).put("source", source()).put("op", "t").put("ts_ms", 1L);
        return new SinkRecord(topic, 0, null, null, envelopeSchema, envelope, offset++);
    }

    SinkRecord tombstone(Struct before) {
        return new SinkRecord(topic, 0, keySchema, keyOf(before), null, null, offset++);
    }

    private SinkRecord event(String op, Struct before, Struct after) {
        return event(op, before, after, keyOf(after));
    }

    private SinkRecord event(String op, Struct before, Struct after, Struct key) {
        Struct envelope = new Struct(envelopeSchema)
                .put("before", before)
                .put("after", after)
                .put("source", source())
                .put("op", op)
                .put("ts_ms", System.currentTimeMillis());
        return new SinkRecord(topic, 0, keySchema, key, envelopeSchema, envelope, offset++);
    }

    private Struct source() {
        return new Struct(SOURCE_SCHEMA).put("connector", "postgresql").put("db", "shop")
                .put("schema", sourceSchema).put("table", table);
    }

    Struct keyOf(Struct row) {
        Struct key = new Struct(keySchema);
        for (Field f : keySchema.fields()) {
            key.put(f.name(), row.get(f.name()));
        }
        return key;
    }
}
