package io.sluice.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.SourceSchemas;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

    private FakeRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private AvroConverter converter(boolean isKey, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.putIfAbsent("schema.registry.url", registry.url());
        AvroConverter converter = new AvroConverter();
        converter.configure(config, isKey);
        return converter;
    }

    static Struct row(int id) {
        Struct address = new Struct(AvroSchemasTest.ROW.field("address").schema()).put("city", "Zürich");
        return new Struct(AvroSchemasTest.ROW)
                .put("id", id)
                .put("tiny", (byte) -128)
                .put("amount", new BigDecimal("12345678.90"))
                .put("day", new java.util.Date(19_782L * 86_400_000L))
                .put("at", new java.util.Date(49_530_123L))
                .put("stamp", new java.util.Date(1_706_708_730_123L))
                .put("micros", 1_706_708_730_123_456L)
                .put("tags", Arrays.asList("a", null, "日本"))
                .put("attributes", Map.of("k", Long.MAX_VALUE))
                .put("counts", Map.of(1, "one", -2, "minus two"))
                .put("address", address)
                .put("blob", new byte[] {0, 1, (byte) 0xff})
                .put("ok", true)
                .put("ratio", Float.NaN)
                .put("score", Double.NEGATIVE_INFINITY);
    }

    @Test
    void writesConfluentWireFormatAndReadsItBack() {
        AvroConverter converter = converter(false, Map.of());
        Struct row = row(1);
        byte[] bytes = converter.fromConnectData("orders", AvroSchemasTest.ROW, row);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(id).isEqualTo(100);

        SchemaAndValue back = converter(false, Map.of()).toConnectData("orders", bytes);
        assertThat(back.schema()).isEqualTo(AvroSchemasTest.ROW);
        Struct value = (Struct) back.value();
        assertThat(value.getInt32("id")).isEqualTo(1);
        assertThat(value.getInt8("tiny")).isEqualTo((byte) -128);
        assertThat(value.getInt16("small")).isEqualTo((short) 7);
        assertThat(value.get("amount")).isEqualTo(new BigDecimal("12345678.90"));
        assertThat(value.get("day")).isEqualTo(new java.util.Date(19_782L * 86_400_000L));
        assertThat(value.get("at")).isEqualTo(new java.util.Date(49_530_123L));
        assertThat(value.get("stamp")).isEqualTo(new java.util.Date(1_706_708_730_123L));
        assertThat(value.getInt64("micros")).isEqualTo(1_706_708_730_123_456L);
        assertThat(value.getString("status")).isEqualTo("new");
        assertThat(value.getArray("tags")).containsExactly("a", null, "日本");
        assertThat(value.getMap("attributes")).containsEntry("k", Long.MAX_VALUE);
        assertThat(value.getMap("counts")).containsEntry(1, "one").containsEntry(-2, "minus two");
        assertThat(value.getStruct("address").getString("city")).isEqualTo("Zürich");
        assertThat(value.getBytes("blob")).containsExactly(0, 1, 0xff);
        assertThat(value.getFloat32("ratio")).isNaN();
        assertThat(value.getFloat64("score")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value).isEqualTo(row.put("small", (short) 7).put("status", "new"));
    }

    @Test
    void changeEventsRoundTripAndKeysUseTheKeySubject() {
        ChangeEventSchema events = AvroSchemasTest.EVENTS;
        Struct after = new Struct(events.valueSchema()).put("id", 5).put("ok", false).put("ratio", 1.5f)
                .put("small", (short) 7).put("status", "new");
        Struct source = new Struct(SourceSchemas.postgres()).put("version", "0.1.0").put("connector", "postgresql")
                .put("name", "my-shop").put("ts_ms", 1L).put("snapshot", SnapshotMarker.LAST.value())
                .put("db", "sluice").put("schema", "public").put("table", "orders").put("lsn", 123L);
        Struct event = events.envelope(Operation.CREATE, null, after, source, 2_000_000L, null);
        AvroConverter values = converter(false, Map.of());
        byte[] bytes = values.fromConnectData("my-shop.public.orders", events.envelopeSchema(), event);
        SchemaAndValue back = values.toConnectData("my-shop.public.orders", bytes);
        assertThat(back.schema()).isEqualTo(events.envelopeSchema());
        assertThat(back.value()).isEqualTo(event);

        AvroConverter keys = converter(true, Map.of());
        Struct key = new Struct(events.keySchema()).put("id", 5);
        byte[] keyBytes = keys.fromConnectData("my-shop.public.orders", events.keySchema(), key);
        assertThat(keys.toConnectData("my-shop.public.orders", keyBytes).value()).isEqualTo(key);
        assertThat(ByteBuffer.wrap(keyBytes, 1, 4).getInt()).isNotEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    @Test
    void tombstonesAndPrimitivesPassThrough() {
        AvroConverter converter = converter(false, Map.of());
        assertThat(converter.fromConnectData("t", null, null)).isNull();
        assertThat(converter.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        byte[] text = converter.fromConnectData("t", Schema.STRING_SCHEMA, "héllo");
        assertThat(converter.toConnectData("t", text)).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "héllo"));
        byte[] none = converter.fromConnectData("t", Schema.OPTIONAL_INT64_SCHEMA, 42L);
        assertThat(converter.toConnectData("t", none).value()).isEqualTo(42L);
    }

    @Test
    void registersEachSchemaOnceAndReadsEachIdOnce() {
        AvroConverter converter = converter(false, Map.of());
        byte[] last = null;
        for (int i = 0; i < 200; i++) {
            last = converter.fromConnectData("orders", AvroSchemasTest.ROW, row(i));
        }
        assertThat(registry.requests.get()).isEqualTo(1);
        // The writing converter knows its ids; a reading one asks once per id.
        converter.toConnectData("orders", last);
        assertThat(registry.requests.get()).isEqualTo(1);
        AvroConverter reader = converter(false, Map.of());
        for (int i = 0; i < 200; i++) {
            reader.toConnectData("orders", last);
        }
        assertThat(registry.requests.get()).isEqualTo(2);
    }

    /** A copy of a struct schema that is equal to it and a different object, as a new polling round builds. */
    private static Schema copyOf(Schema schema) {
        SchemaBuilder copy = SchemaBuilder.struct().name(schema.name()).version(schema.version()).doc(schema.doc());
        schema.fields().forEach(field -> copy.field(field.name(), field.schema()));
        return copy.build();
    }

    private static Struct rowOf(Schema schema, int id) {
        Struct row = new Struct(schema);
        Struct template = row(id);
        schema.fields().forEach(field -> row.put(field.name(), template.get(field.name())));
        return row;
    }

    @Test
    void anEqualSchemaObjectWritesTheSameBytesAndADifferentStructIsRefused() {
        AvroConverter converter = converter(false, Map.of());
        byte[] first = converter.fromConnectData("orders", AvroSchemasTest.ROW, row(1));
        Schema equal = copyOf(AvroSchemasTest.ROW);
        assertThat(equal).isEqualTo(AvroSchemasTest.ROW).isNotSameAs(AvroSchemasTest.ROW);
        for (int i = 0; i < 3; i++) {
            assertThat(converter.fromConnectData("orders", equal, rowOf(equal, 1))).isEqualTo(first);
        }
        Schema other = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("orders", AvroSchemasTest.ROW,
                new Struct(other).put("id", 1))).isInstanceOf(DataException.class).hasMessageContaining("is expected");
    }

    @Test
    void missingMagicByteIsAClearError() {
        AvroConverter converter = converter(false, Map.of());
        byte[] json = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter.toConnectData("orders", json))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic orders")
                .hasMessageContaining("magic byte 0")
                .hasMessageContaining("0x7b");
        assertThatThrownBy(() -> converter.toConnectData("orders", new byte[] {0, 0}))
                .isInstanceOf(DataException.class).hasMessageContaining("only 2 bytes");
    }

    @Test
    void unreachableRegistryIsRetriableAndNamesTheUrl() throws Exception {
        String deadUrl = "http://127.0.0.1:" + freePort();
        AvroConverter converter = converter(false, Map.of("schema.registry.url", deadUrl));
        assertThatThrownBy(() -> converter.fromConnectData("orders", AvroSchemasTest.ROW, row(1)))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining(deadUrl);
    }

    @Test
    void failsOverToTheNextUrl() throws Exception {
        String deadUrl = "http://127.0.0.1:" + freePort();
        AvroConverter converter = converter(false, Map.of("schema.registry.url", deadUrl + "," + registry.url()));
        byte[] bytes = converter.fromConnectData("orders", AvroSchemasTest.ROW, row(1));
        assertThat(converter.toConnectData("orders", bytes).value()).isNotNull();
    }

    @Test
    void serverErrorsAreRetriable() {
        registry.failWithStatus = 503;
        AvroConverter converter = converter(false, Map.of());
        assertThatThrownBy(() -> converter.fromConnectData("orders", AvroSchemasTest.ROW, row(1)))
                .isInstanceOf(RetriableException.class).hasMessageContaining("503");
    }

    @Test
    void incompatibleSchemaIsNotRetriableAndNamesSubjectAndReason() {
        registry.incompatibleSubjects.add("orders-value");
        AvroConverter converter = converter(false, Map.of());
        assertThatThrownBy(() -> converter.fromConnectData("orders", AvroSchemasTest.ROW, row(1)))
                .isInstanceOf(DataException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("orders-value")
                .hasMessageContaining("409")
                .hasMessageContaining("STRING not compatible with writer type: INT");
    }

    @Test
    void sendsBasicAndBearerCredentials() {
        converter(false, Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "ann:s3cret"))
                .fromConnectData("orders", Schema.STRING_SCHEMA, "x");
        assertThat(registry.lastAuthorization).isEqualTo("Basic YW5uOnMzY3JldA==");
        converter(false, Map.of("schema.registry.url", registry.url().replace("http://", "http://bob:pw@")))
                .fromConnectData("orders2", Schema.STRING_SCHEMA, "x");
        assertThat(registry.lastAuthorization).isEqualTo("Basic Ym9iOnB3");
        converter(false, Map.of("bearer.auth.token", "t0ken")).fromConnectData("orders3", Schema.STRING_SCHEMA, "x");
        assertThat(registry.lastAuthorization).isEqualTo("Bearer t0ken");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustExist() {
        AvroConverter converter = converter(false, Map.of("auto.register.schemas", false));
        assertThatThrownBy(() -> converter.fromConnectData("orders", Schema.STRING_SCHEMA, "x"))
                .isInstanceOf(DataException.class).hasMessageContaining("orders-value")
                .hasMessageContaining("auto.register.schemas=false");
        int id = registry.preRegister("orders-value", "\"string\"");
        byte[] bytes = converter.fromConnectData("orders", Schema.STRING_SCHEMA, "x");
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesInTheRegisteredSchema() {
        Schema older = SchemaBuilder.struct().name("Item").field("id", Schema.INT32_SCHEMA).build();
        Schema newer = SchemaBuilder.struct().name("Item").field("id", Schema.INT32_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
        int id = registry.preRegister("items-value", AvroSchemas.toAvro(newer).toString());
        AvroConverter converter = converter(false, Map.of("auto.register.schemas", false, "use.latest.version", true));
        byte[] bytes = converter.fromConnectData("items", older, new Struct(older).put("id", 3));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        Struct back = (Struct) converter.toConnectData("items", bytes).value();
        assertThat(back.getInt32("id")).isEqualTo(3);
        assertThat(back.getString("note")).isNull();
    }

    @Test
    void subjectNameStrategies() {
        Schema item = SchemaBuilder.struct().name("shop.Item").field("id", Schema.INT32_SCHEMA).build();
        converter(false, Map.of("value.subject.name.strategy", "RecordNameStrategy"))
                .fromConnectData("t", item, new Struct(item).put("id", 1));
        converter(false, Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
                .fromConnectData("t", item, new Struct(item).put("id", 1));
        assertThat(registry.preRegister("shop.Item", "\"int\"")).isPositive();
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false, AvroSchemas.toAvro(item))).isEqualTo("t-shop.Item");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, AvroSchemas.toAvro(item))).isEqualTo("t-key");
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD_NAME.subject("t", true, AvroSchemas.toAvro(Schema.STRING_SCHEMA)))
                .isInstanceOf(DataException.class).hasMessageContaining("TopicNameStrategy");
    }

    @Test
    void wrongJavaTypeIsADataErrorNamingTheTopic() {
        Schema item = SchemaBuilder.struct().name("Item").field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        Struct bad = new Struct(item).put("tags", List.of("a"));
        AvroConverter converter = converter(false, Map.of());
        assertThat(converter.fromConnectData("items", item, bad)).isNotEmpty();
        assertThatThrownBy(() -> converter.fromConnectData("items", item, "not a struct"))
                .isInstanceOf(DataException.class).hasMessageContaining("items");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
