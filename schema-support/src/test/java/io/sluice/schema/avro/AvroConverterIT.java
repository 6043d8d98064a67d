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

    @Test
    void unknownIdIsAClearError() {
        byte[] bytes = {0, 0x7f, 0, 0, 1, 2};
        assertThatThrownBy(() -> converter().toConnectData("t", bytes))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("schema id 2130706433");
    }
}
