package io.sluice.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.SourceSchemas;
import io.sluice.schema.types.SemanticSchemas;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("small", SchemaBuilder.int16().defaultValue((short) 7).build())
            .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("day", Date.builder().optional().build())
            .field("at", Time.builder().optional().build())
            .field("stamp", Timestamp.builder().optional().build())
            .field("micros", SemanticSchemas.microTimestamp().optional().build())
            .field("status", SchemaBuilder.string().optional().defaultValue("new").build())
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).optional().build())
            .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).optional().build())
            .field("address", SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).optional().build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("ok", Schema.BOOLEAN_SCHEMA)
            .field("ratio", Schema.FLOAT32_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();

    static final ChangeEventSchema EVENTS = ChangeEventSchema.of("my-shop", "public", "orders",
            SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build(), ROW, SourceSchemas.postgres());

    @Test
    void envelopeTranslatesWithDebeziumNamesAndNullUnions() {
        org.apache.avro.Schema avro = AvroSchemas.toAvro(EVENTS.envelopeSchema());
        assertThat(avro.getFullName()).isEqualTo("my_shop.public.orders.Envelope");
        assertThat(avro.getProp("connect.name")).isEqualTo("my-shop.public.orders.Envelope");
        assertThat(avro.getObjectProp("connect.version")).isEqualTo(2);
        org.apache.avro.Schema before = avro.getField("before").schema();
        assertThat(before.getType()).isEqualTo(org.apache.avro.Schema.Type.UNION);
        assertThat(before.getTypes().get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.NULL);
        assertThat(before.getTypes().get(1).getFullName()).isEqualTo("my_shop.public.orders.Value");
        assertThat(avro.getField("before").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        // after reuses the record by name
        assertThat(avro.getField("after").schema().getTypes().get(1)).isSameAs(before.getTypes().get(1));
        org.apache.avro.Schema snapshot = avro.getField("source").schema().getField("snapshot").schema();
        assertThat(snapshot.getTypes().get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(avro.getField("source").schema().getField("snapshot").defaultVal()).isEqualTo("false");
        // parses back from its text, as the registry stores it
        assertThat(new org.apache.avro.Schema.Parser().parse(avro.toString())).isEqualTo(avro);
    }

    @Test
    void logicalTypesAndConnectTypes() {
        org.apache.avro.Schema value = AvroSchemas.toAvro(ROW);
        assertThat(optionalBranch(value, "amount").getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        assertThat(optionalBranch(value, "day").getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(optionalBranch(value, "at").getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
        assertThat(optionalBranch(value, "stamp").getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(optionalBranch(value, "micros").getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(optionalBranch(value, "tiny").getProp("connect.type")).isEqualTo("int8");
        assertThat(value.getField("small").defaultVal()).isEqualTo(7);
        org.apache.avro.Schema status = value.getField("status").schema();
        assertThat(status.getTypes().get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(value.getField("status").defaultVal()).isEqualTo("new");
        assertThat(optionalBranch(value, "counts").getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
        assertThat(optionalBranch(value, "attributes").getType()).isEqualTo(org.apache.avro.Schema.Type.MAP);
        assertThat(optionalBranch(value, "address").getFullName()).isEqualTo("io.confluent.connect.avro.ConnectDefault1");
    }

    @Test
    void roundTripGivesBackAnEqualConnectSchema() {
        for (Schema schema : List.of(ROW, EVENTS.envelopeSchema(), EVENTS.keySchema(), Schema.STRING_SCHEMA,
                Schema.OPTIONAL_INT64_SCHEMA, SemanticSchemas.bits(12).build(), SemanticSchemas.enumeration(List.of("a", "b")).build())) {
            org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(AvroSchemas.toAvro(schema).toString());
            Schema back = AvroSchemas.toConnect(avro);
            assertThat(back).as(String.valueOf(schema.name())).isEqualTo(schema);
        }
    }

    @Test
    void namesAreMadeValidForAvro() {
        assertThat(AvroSchemas.avroName("my-server.db 1.2table")).isEqualTo("my_server.db_1._2table");
        assertThat(AvroSchemas.avroFieldName("ok_name")).isEqualTo("ok_name");
        assertThat(AvroSchemas.avroFieldName("état")).isEqualTo("_tat");
    }

    private static org.apache.avro.Schema optionalBranch(org.apache.avro.Schema record, String field) {
        org.apache.avro.Schema union = record.getField(field).schema();
        return union.getTypes().get(1);
    }
}
