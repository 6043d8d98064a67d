package io.sluice.jdbc.sink.record;

import io.sluice.schema.types.SemanticTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** How records read as changes: envelopes by their shape, tombstones, flat structs, maps. */
class RecordInterpreterTest {

    private static final Schema ROW = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
            .field("id", Schema.INT32_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("secret", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name("dbserver1.inventory.customers.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    /** The source block as Debezium's MySQL connector writes it: a database, no schema. */
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE)
            .field("transaction", SchemaBuilder.struct().optional().field("id", Schema.STRING_SCHEMA).build())
            .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

    private static RecordInterpreter interpreter(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:postgresql://db/x",
                "insert.mode", "upsert", "primary.key.mode", "record_key", "delete.enabled", "true",
                "truncate.enabled", "true"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new RecordInterpreter(new JdbcSinkConfig(props));
    }

    private static SinkRecord event(String op, Struct before, Struct after) {
        Struct source = new Struct(SOURCE).put("version", "3.6.0.Final").put("connector", "mysql")
                .put("db", "inventory").put("table", "customers");
        Struct envelope = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source)
                .put("op", op).put("ts_ms", 1L);
        Struct row = after != null ? after : before;
        Struct key = row == null ? null : new Struct(KEY).put("id", row.getInt32("id"));
        return new SinkRecord("dbserver1.inventory.customers", 0, KEY, key, ENVELOPE, envelope, 7);
    }

    private static Struct row(int id, String email) {
        return new Struct(ROW).put("id", id).put("email", email).put("secret", "s");
    }

    @Test
    void debeziumEnvelopesAreRecognisedByTheirShape() {
        assertThat(Envelope.isEnvelope(ENVELOPE)).isTrue();
        assertThat(Envelope.isEnvelope(ROW)).isFalse();
        Schema lookalike = SchemaBuilder.struct().name("shop.Order")
                .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();
        assertThat(Envelope.isEnvelope(lookalike)).isFalse();
    }

    @Test
    void createsReadsAndUpdatesAreUpsertsOfTheAfterRow() {
        RecordInterpreter interpreter = interpreter();
        for (String op : new String[] {"c", "r", "u"}) {
            SinkChange change = interpreter.interpret(event(op, row(1, "old"), row(1, "new")));
            assertThat(change.operation()).isEqualTo(SinkChange.Operation.UPSERT);
            assertThat(change.table()).isEqualTo("customers");
            assertThat(change.key()).containsExactly(1);
            assertThat(change.values()).containsExactly("new", "s");
            assertThat(change.layout().keyColumns()).extracting(Column::name).containsExactly("id");
            assertThat(change.layout().valueColumns()).extracting(Column::name).containsExactly("email", "secret");
        }
    }

    @Test
    void deletesAndTombstonesDeleteByKey() {
        RecordInterpreter interpreter = interpreter();
        SinkChange delete = interpreter.interpret(event("d", row(4, "x"), null));
        assertThat(delete.operation()).isEqualTo(SinkChange.Operation.DELETE);
        assertThat(delete.key()).containsExactly(4);
        SinkChange tombstone = interpreter.interpret(new SinkRecord("dbserver1.inventory.customers", 0, KEY,
                new Struct(KEY).put("id", 4), null, null, 8));
        assertThat(tombstone.operation()).isEqualTo(SinkChange.Operation.DELETE);
        assertThat(tombstone.table()).isEqualTo("customers");
        assertThat(tombstone.key()).containsExactly(4);
    }

    @Test
    void deletesAndTruncatesAreSkippedWhenNotEnabled() {
        RecordInterpreter interpreter = interpreter("delete.enabled", "false", "truncate.enabled", "false");
        assertThat(interpreter.interpret(event("d", row(4, "x"), null))).isNull();
        assertThat(interpreter.interpret(event("t", null, null))).isNull();
        assertThat(interpreter.interpret(new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", 4), null, null, 8))).isNull();
    }

    @Test
    void truncateEventsTruncate() {
        assertThat(interpreter().interpret(event("t", null, null)).operation()).isEqualTo(SinkChange.Operation.TRUNCATE);
    }

    @Test
    void tableNamesComeFromTheFormat() {
        assertThat(interpreter("table.name.format", "${source.schema}.${source.table}")
                .interpret(event("c", null, row(1, "a"))).table()).isEqualTo("inventory.customers");
        assertThat(interpreter("table.name.format", "copy_of_${topic}")
                .interpret(event("c", null, row(1, "a"))).table()).isEqualTo("copy_of_dbserver1.inventory.customers");
    }

    @Test
    void fieldListsFilterValueColumnsButNeverTheKey() {
        SinkChange excluded = interpreter("field.exclude.list", "secret,id").interpret(event("c", null, row(1, "a")));
        assertThat(excluded.layout().allColumns()).extracting(Column::name).containsExactly("id", "email");
        SinkChange included = interpreter("field.include.list", "secret").interpret(event("c", null, row(1, "a")));
        assertThat(included.layout().allColumns()).extracting(Column::name).containsExactly("id", "secret");
    }

    @Test
    void layoutsAreCachedPerSchema() {
        RecordInterpreter interpreter = interpreter();
        assertThat(interpreter.interpret(event("c", null, row(1, "a"))).layout())
                .isSameAs(interpreter.interpret(event("u", null, row(2, "b"))).layout());
    }

    @Test
    void kafkaCoordinatesFormTheKeyInKafkaMode() {
        SinkChange change = interpreter("primary.key.mode", "kafka", "delete.enabled", "false")
                .interpret(event("c", null, row(1, "a")));
        assertThat(change.layout().keyColumns()).extracting(Column::name)
                .containsExactly("__connect_topic", "__connect_partition", "__connect_offset");
        assertThat(change.key()).containsExactly("dbserver1.inventory.customers", 0, 7L);
    }

    @Test
    void aPrimitiveKeyNeedsItsColumnName() {
        SinkRecord record = new SinkRecord("orders", 0, Schema.INT64_SCHEMA, 5L, ROW, row(5, "a"), 0);
        assertThatThrownBy(() -> interpreter().interpret(record)).isInstanceOf(DataException.class)
                .hasMessageContaining("primary.key.fields");
        SinkChange change = interpreter("primary.key.fields", "order_id").interpret(record);
        assertThat(change.layout().keyColumns()).extracting(Column::name).containsExactly("order_id");
        assertThat(change.key()).containsExactly(5L);
    }

    @Test
    void schemalessMapsAreReadByName() {
        SinkChange change = interpreter("primary.key.mode", "record_value", "primary.key.fields", "id",
                "delete.enabled", "false").interpret(new SinkRecord("orders", 0, null, null, null,
                Map.of("id", 3, "total", 9.5), 0));
        assertThat(change.layout().schemaless()).isTrue();
        assertThat(change.key()).containsExactly(3);
        assertThat(change.values()).containsExactly(9.5);
    }

    @Test
    void anEnvelopeWithoutSchemaIsAClearError() {
        Map<String, Object> value = new HashMap<>();
        value.put("before", null);
        value.put("after", Map.of("id", 1));
        value.put("op", "c");
        assertThatThrownBy(() -> interpreter().interpret(new SinkRecord("t", 0, null, Map.of("id", 1), null, value, 0)))
                .isInstanceOf(DataException.class).hasMessageContaining("schemas.enable");
    }

    @Test
    void semanticNamesGiveKinds() {
        assertThat(ValueKind.of(SchemaBuilder.int32().name(SemanticTypes.DATE).build())).isEqualTo(ValueKind.DATE_DAYS);
        assertThat(ValueKind.of(SchemaBuilder.int64().name(SemanticTypes.MICRO_TIMESTAMP).build()))
                .isEqualTo(ValueKind.TIMESTAMP_MICROS);
        assertThat(ValueKind.of(SchemaBuilder.bool().name(SemanticTypes.BITS).build())).isEqualTo(ValueKind.BOOLEAN);
        assertThat(ValueKind.of(SchemaBuilder.string().name("some.other.Name").build())).isEqualTo(ValueKind.STRING);
        assertThatThrownBy(() -> ValueKind.of(SchemaBuilder.array(Schema.INT32_SCHEMA).build()))
                .isInstanceOf(DataException.class).hasMessageContaining("ARRAY");
    }

    @Test
    void valuesConvertExactly() {
        assertThat(ConnectValues.bitString(new byte[] {0x05, 0x02}, 10)).isEqualTo("1000000101");
        assertThat(ConnectValues.bitsAsLong(new byte[] {0x05, 0x02})).isEqualTo(0x0205L);
        assertThat(ConnectValues.instant(ValueKind.TIMESTAMP_MICROS, -1L).toString()).isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(ConnectValues.time(ValueKind.TIME_MICROS, 86_400_000_000L).toString()).isEqualTo("23:59:59.999999");
        assertThat(ConnectValues.mysqlTime(-3_723_000_004_000L)).isEqualTo("-01:02:03.000004");
        assertThat(ConnectValues.mysqlTime(3_000_000_000_000_000L)).isEqualTo("833:20:00.000000");
        Struct vdec = new Struct(SchemaBuilder.struct().field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA)
                .build()).put("scale", 2).put("value", new java.math.BigInteger("-12345").toByteArray());
        assertThat(ConnectValues.variableScaleDecimal(vdec)).isEqualByComparingTo("-123.45");
    }
}
