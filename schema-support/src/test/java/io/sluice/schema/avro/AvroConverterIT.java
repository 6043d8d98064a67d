package io.sluice.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The converter against a real Apicurio Registry through its Confluent-compatible API. */
class AvroConverterIT {

    private static ApicurioRegistry registry;

    private static final Schema CUSTOMER_V1 = SchemaBuilder.struct().name("shop.public.customers.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .build();
    private static final Schema CUSTOMER_V2 = SchemaBuilder.struct().name("shop.public.customers.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema CUSTOMER_INCOMPATIBLE = SchemaBuilder.struct().name("shop.public.customers.Value")
            .field("id", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .build();

    @BeforeAll
    static void startRegistry() throws Exception {
        Optional<Path> binaries = ApicurioRegistry.binaries();
        Assumptions.assumeTrue(binaries.isPresent(),
                "stack/target/registry is missing: build the stack module first (it builds first in the reactor)");
        registry = ApicurioRegistry.start(binaries.get(), Path.of("target", "apicurio-it.log"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static AvroConverter converter() {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        return converter;
    }

    private static RegistryClient client() {
        return new RegistryClient(List.of(registry.ccompatUrl()), null, null, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void registersEvolvesBackwardRejectsIncompatibleAndReadsBackById() {
        String topic = "customers-" + UUID.randomUUID();
        String subject = topic + "-value";
        AvroConverter writer = converter();

        byte[] v1 = writer.fromConnectData(topic, CUSTOMER_V1, new Struct(CUSTOMER_V1).put("id", 1).put("name", "Ann"));
        int v1Id = ByteBuffer.wrap(v1, 1, 4).getInt();
        RegistryClient client = client();
        client.setCompatibility(subject, "BACKWARD");
        assertThat(client.compatibility(subject)).isEqualTo("BACKWARD");

        // Adding an optional field is a backward-compatible change.
        byte[] v2 = writer.fromConnectData(topic, CUSTOMER_V2,
                new Struct(CUSTOMER_V2).put("id", 2).put("name", "Bob").put("email", "bob@example.com"));
        int v2Id = ByteBuffer.wrap(v2, 1, 4).getInt();
        assertThat(v2Id).isNotEqualTo(v1Id);
        assertThat(client.versions(subject)).hasSize(2);
        assertThat(client.latest(subject).id()).isEqualTo(v2Id);

        // Changing a field's type is not.
        assertThat(client.isCompatible(subject, AvroSchemas.toAvro(CUSTOMER_INCOMPATIBLE).toString())).isFalse();
        assertThatThrownBy(() -> writer.fromConnectData(topic, CUSTOMER_INCOMPATIBLE,
                new Struct(CUSTOMER_INCOMPATIBLE).put("id", "x").put("name", "Cy")))
                .isInstanceOf(DataException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("409");

        // A fresh converter knows nothing and reads both versions back by id.
        AvroConverter reader = converter();
        SchemaAndValue first = reader.toConnectData(topic, v1);
        assertThat(first.schema()).isEqualTo(CUSTOMER_V1);
        assertThat(((Struct) first.value()).getString("name")).isEqualTo("Ann");
        SchemaAndValue second = reader.toConnectData(topic, v2);
        assertThat(second.schema()).isEqualTo(CUSTOMER_V2);
        assertThat(((Struct) second.value()).getString("email")).isEqualTo("bob@example.com");
        assertThat(client.schemaById(v1Id)).contains("\"name\"");
    }

    private static final Schema ORDER = SchemaBuilder.struct().name("shop.public.orders.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", org.apache.kafka.connect.data.Decimal.builder(2).optional().build())
            .field("placed", org.apache.kafka.connect.data.Timestamp.builder().optional().build())
            .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
            .field("quantity", Schema.INT32_SCHEMA)
            .field("paid", Schema.BOOLEAN_SCHEMA)
            .field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("address", SchemaBuilder.struct().name("shop.Address").field("city", Schema.STRING_SCHEMA)
                    .optional().build())
            .build();

    private static Struct order() {
        return new Struct(ORDER)
                .put("id", 9_000_000_000L)
                .put("customer", "Zoë 🙂")
                .put("amount", new java.math.BigDecimal("1234.50"))
                .put("placed", new java.util.Date(1_706_708_730_123L))
                .put("day", new java.util.Date(19_782L * 86_400_000L))
                .put("quantity", -3)
                .put("paid", true)
                .put("weight", 0.25d)
                .put("tags", List.of("gift", ""))
                .put("address", new Struct(ORDER.field("address").schema()).put("city", "Zürich"));
    }

    /** Apicurio's own converter, writing and reading the Confluent format against the same registry. */
    private static io.apicurio.registry.utils.converter.AvroConverter<Object> apicurioConverter() {
        io.apicurio.registry.utils.converter.AvroConverter<Object> converter =
                new io.apicurio.registry.utils.converter.AvroConverter<>();
        converter.configure(Map.of(
                "apicurio.registry.url", registry.ccompatUrl().replace("/apis/ccompat/v7", "/apis/registry/v2"),
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.as-confluent", "true",
                "apicurio.registry.use-id", "contentId",
                "apicurio.registry.headers.enabled", "false"), false);
        return converter;
    }

    @Test
    void apicurioConverterReadsOurBytes() {
        String topic = "orders-ours-" + UUID.randomUUID();
        byte[] ours = converter().fromConnectData(topic, ORDER, order());
        SchemaAndValue theirs = apicurioConverter().toConnectData(topic, ours);
        assertSameOrder((Struct) theirs.value());
    }

    @Test
    void weReadApicurioConverterBytes() {
        String topic = "orders-theirs-" + UUID.randomUUID();
        byte[] theirs = apicurioConverter().fromConnectData(topic, ORDER, order());
        assertThat(theirs[0]).isEqualTo((byte) 0);
        SchemaAndValue ours = converter().toConnectData(topic, theirs);
        assertSameOrder((Struct) ours.value());
    }

    private static void assertSameOrder(Struct value) {
        assertThat(value.getInt64("id")).isEqualTo(9_000_000_000L);
        assertThat(value.getString("customer")).isEqualTo("Zoë 🙂");
        assertThat(value.get("note")).isNull();
        assertThat(value.get("amount")).isEqualTo(new java.math.BigDecimal("1234.50"));
        assertThat(value.get("placed")).isEqualTo(new java.util.Date(1_706_708_730_123L));
        assertThat(value.get("day")).isEqualTo(new java.util.Date(19_782L * 86_400_000L));
        assertThat(value.getInt32("quantity")).isEqualTo(-3);
        assertThat(value.getBoolean("paid")).isTrue();
        assertThat(value.getFloat64("weight")).isEqualTo(0.25d);
        assertThat(value.getArray("tags")).containsExactly("gift", "");
        assertThat(value.getStruct("address").getString("city")).isEqualTo("Zürich");
    }

    @Test
    void unknownIdIsAClearError() {
        byte[] bytes = {0, 0x7f, 0, 0, 1, 2};
        assertThatThrownBy(() -> converter().toConnectData("t", bytes))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("schema id 2130706433");
    }
}
