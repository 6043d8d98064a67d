package io.sluice.bench;

import java.time.format.DateTimeFormatter;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Change events for the bench row, shaped as Debezium's PostgreSQL connector writes them with its defaults
 * (decimal.handling.mode=precise, time.precision.mode=adaptive): numeric as Decimal, timestamptz as
 * io.debezium.time.ZonedTimestamp, date as io.debezium.time.Date. Both sinks read this format.
 */
final class Envelopes {
    final Schema keySchema;
    final Schema rowSchema;
    final Schema sourceSchema;
    final Schema envelopeSchema;
    private final String serverName;
    private final String table;

    Envelopes(String serverName, String table) {
        this.serverName = serverName;
        this.table = table;
        String base = serverName + ".public." + table;
        keySchema = SchemaBuilder.struct().name(base + ".Key").field("id", Schema.INT64_SCHEMA).build();
        rowSchema = SchemaBuilder.struct().name(base + ".Value").optional()
                .field("id", Schema.INT64_SCHEMA)
                .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
                .field("account", Schema.OPTIONAL_INT64_SCHEMA)
                .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "12").optional().build())
                .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("code", Schema.OPTIONAL_STRING_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("created_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build())
                .field("day", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
                .build();
        sourceSchema = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("version", Schema.STRING_SCHEMA)
                .field("connector", Schema.STRING_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
                .field("db", Schema.STRING_SCHEMA)
                .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .field("schema", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA)
                .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
                .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
                .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        envelopeSchema = SchemaBuilder.struct().name(base + ".Envelope").version(2)
                .field("before", rowSchema)
                .field("after", rowSchema)
                .field("source", sourceSchema)
                .field("transaction", SchemaBuilder.struct().name("event.block").version(1).optional()
                        .field("id", Schema.STRING_SCHEMA)
                        .field("total_order", Schema.INT64_SCHEMA)
                        .field("data_collection_order", Schema.INT64_SCHEMA).build())
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    Struct key(long id) { return new Struct(keySchema).put("id", id); }

    Struct row(long id) {
        return new Struct(rowSchema)
                .put("id", id)
                .put("qty", Rows.qty(id))
                .put("account", Rows.account(id))
                .put("amount", Rows.amount(id))
                .put("score", Rows.score(id))
                .put("code", Rows.code(id))
                .put("note", Rows.note(id))
                .put("active", Rows.active(id))
                .put("created_at", DateTimeFormatter.ISO_INSTANT.format(Rows.createdAt(id)))
                .put("day", (int) Rows.day(id).toEpochDay());
    }

    /** An insert event ("op": "c") for the row with this id. */
    Struct insert(long id) {
        long nowMs = System.currentTimeMillis();
        Struct source = new Struct(sourceSchema)
                .put("version", "3.6.0.Final").put("connector", "postgresql").put("name", serverName)
                .put("ts_ms", nowMs).put("snapshot", "false").put("db", "bench").put("schema", "public").put("table", table)
                .put("txId", 1000L + id / 1000).put("lsn", 100_000_000L + id * 200);
        return new Struct(envelopeSchema).put("after", row(id)).put("source", source).put("op", "c")
                .put("ts_ms", nowMs).put("ts_us", nowMs * 1000).put("ts_ns", nowMs * 1_000_000);
    }
}
