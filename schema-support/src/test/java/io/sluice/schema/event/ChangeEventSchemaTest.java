package io.sluice.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ChangeEventSchemaTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final ChangeEventSchema CUSTOMERS =
            ChangeEventSchema.of("shop", "public", "customers", KEY, ROW, SourceSchemas.postgres());

    @Test
    void namesSchemasAsDebeziumDoes() {
        assertThat(CUSTOMERS.keySchema().name()).isEqualTo("shop.public.customers.Key");
        assertThat(CUSTOMERS.valueSchema().name()).isEqualTo("shop.public.customers.Value");
        assertThat(CUSTOMERS.valueSchema().isOptional()).isTrue();
        assertThat(CUSTOMERS.envelopeSchema().name()).isEqualTo("shop.public.customers.Envelope");
        assertThat(CUSTOMERS.envelopeSchema().version()).isEqualTo(2);
        assertThat(CUSTOMERS.envelopeSchema().fields()).extracting(Field::name)
                .containsExactly("before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns");
        assertThat(CUSTOMERS.envelopeSchema().field("transaction").schema().name()).isEqualTo("event.block");
        assertThat(CUSTOMERS.envelopeSchema().field("transaction").schema().isOptional()).isTrue();
        assertThat(CUSTOMERS.envelopeSchema().field("op").schema().isOptional()).isFalse();
        assertThat(ChangeEventSchema.valueSchemaName("p", null, "t")).isEqualTo("p.t.Value");
        assertThat(ChangeEventSchema.keySchemaName("p", "db", "t")).isEqualTo("p.db.t.Key");
    }

    @Test
    void tableWithoutKeyHasNoKeySchema() {
        ChangeEventSchema noKey = ChangeEventSchema.of("shop", "inventory", "log", null, ROW, SourceSchemas.mysql());
        assertThat(noKey.keySchema()).isNull();
        assertThat(noKey.envelopeSchema().field("source").schema().name()).isEqualTo("io.debezium.connector.mysql.Source");
    }

    @Test
    void buildsAnUpdateWithAllFields() {
        Struct before = new Struct(CUSTOMERS.valueSchema()).put("id", 7).put("name", "Ann");
        Struct after = new Struct(CUSTOMERS.valueSchema()).put("id", 7).put("name", "Anne");
        Struct source = postgresSource();
        Struct tx = TransactionSchemas.block("571:33554432", 3, 2);

        Struct event = CUSTOMERS.envelope(Operation.UPDATE, before, after, source, 1_700_000_000_123_456_789L, tx);
        event.validate();

        assertThat(event.getString("op")).isEqualTo("u");
        assertThat(event.getStruct("before").getString("name")).isEqualTo("Ann");
        assertThat(event.getStruct("after").getString("name")).isEqualTo("Anne");
        assertThat(event.getInt64("ts_ms")).isEqualTo(1_700_000_000_123L);
        assertThat(event.getInt64("ts_us")).isEqualTo(1_700_000_000_123_456L);
        assertThat(event.getInt64("ts_ns")).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(event.getStruct("transaction").getString("id")).isEqualTo("571:33554432");
        assertThat(event.getStruct("transaction").getInt64("total_order")).isEqualTo(3L);
        assertThat(event.getStruct("transaction").getInt64("data_collection_order")).isEqualTo(2L);
        assertThat(event.getStruct("source").getInt64("lsn")).isEqualTo(24023128L);
    }

    @Test
    void deleteKeepsBeforeAndTruncateCarriesNoRows() {
        Struct before = new Struct(CUSTOMERS.valueSchema()).put("id", 7);
        Struct delete = CUSTOMERS.envelope(Operation.DELETE, before, null, postgresSource(), 5_000_000L, null);
        assertThat(delete.getString("op")).isEqualTo("d");
        assertThat(delete.getStruct("after")).isNull();
        assertThat(delete.getStruct("transaction")).isNull();
        assertThat(delete.getInt64("ts_ms")).isEqualTo(5L);

        Struct truncate = CUSTOMERS.envelope(Operation.TRUNCATE, null, null, postgresSource(), 0L, null);
        assertThat(truncate.getString("op")).isEqualTo("t");
    }

    @Test
    void rejectsEventsThatContradictTheirOperation() {
        Struct row = new Struct(CUSTOMERS.valueSchema()).put("id", 1);
        assertThatThrownBy(() -> CUSTOMERS.envelope(Operation.CREATE, null, null, postgresSource(), 0L, null))
                .isInstanceOf(DataException.class).hasMessageContaining("shop.public.customers.Envelope");
        assertThatThrownBy(() -> CUSTOMERS.envelope(Operation.DELETE, row, row, postgresSource(), 0L, null))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> CUSTOMERS.envelope(Operation.TRUNCATE, row, null, postgresSource(), 0L, null))
                .isInstanceOf(DataException.class);
    }

    @Test
    void jsonShapeMatchesDebeziumEnvelope() {
        Struct after = new Struct(CUSTOMERS.valueSchema()).put("id", 1).put("name", "Zoë");
        Struct event = CUSTOMERS.envelope(Operation.READ, null, after, postgresSource(), 1_000_000_000L, null);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        String text = new String(json.fromConnectData("shop.public.customers", CUSTOMERS.envelopeSchema(), event),
                StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\"before\":null,\"after\":{\"id\":1,\"name\":\"Zoë\"},"
                + "\"source\":{\"version\":\"0.1.0\",\"connector\":\"postgresql\",\"name\":\"shop\",\"ts_ms\":1000,"
                + "\"snapshot\":\"first\",\"db\":\"sluice\",\"sequence\":null,\"ts_us\":null,\"ts_ns\":null,"
                + "\"schema\":\"public\",\"table\":\"customers\",\"txId\":571,\"lsn\":24023128,\"xmin\":null},"
                + "\"transaction\":null,\"op\":\"r\",\"ts_ms\":1000,\"ts_us\":1000000,\"ts_ns\":1000000000}");
    }

    @Test
    void operationCodesRoundTrip() {
        for (Operation operation : Operation.values()) {
            assertThat(Operation.fromCode(operation.code())).isSameAs(operation);
        }
        assertThat(Operation.CREATE.code()).isEqualTo("c");
        assertThat(Operation.READ.code()).isEqualTo("r");
        assertThatThrownBy(() -> Operation.fromCode("x")).isInstanceOf(DataException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Operation.fromCode(null)).isInstanceOf(DataException.class);
    }

    static Struct postgresSource() {
        return new Struct(SourceSchemas.postgres())
                .put(SourceSchemas.VERSION, "0.1.0")
                .put(SourceSchemas.CONNECTOR, SourceSchemas.POSTGRES_CONNECTOR)
                .put(SourceSchemas.NAME, "shop")
                .put(SourceSchemas.TS_MS, 1000L)
                .put(SourceSchemas.SNAPSHOT, SnapshotMarker.FIRST.value())
                .put(SourceSchemas.DB, "sluice")
                .put(SourceSchemas.SCHEMA, "public")
                .put(SourceSchemas.TABLE, "customers")
                .put(SourceSchemas.TX_ID, 571L)
                .put(SourceSchemas.LSN, 24023128L);
    }
}
