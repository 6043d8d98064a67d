package io.sluice.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Our converter against Kafka's, record by record: the same bytes out and the same values back. */
class JsonConverterTest {

    private static final Schema ROW = SchemaBuilder.struct().name("db.public.orders.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("small", Schema.OPTIONAL_INT16_SCHEMA)
            .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("amount", Decimal.builder(2).optional().build())
            .field("day", Date.builder().optional().build())
            .field("at", Time.builder().optional().build())
            .field("created", Timestamp.builder().optional().build())
            .field("status", SchemaBuilder.string().optional().defaultValue("new").build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).optional().build())
            .field("zoned", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional()
                    .parameter("p", "v").doc("a doc").build())
            .optional()
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.sluice.Source")
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("db.public.orders.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    @ParameterizedTest
    @CsvSource({"true,BASE64,true", "true,NUMERIC,true", "false,BASE64,true", "true,NUMERIC,false"})
    void writesAndReadsLikeKafkasConverter(boolean schemas, String decimals, boolean replaceNull) {
        Map<String, Object> config = Map.of("schemas.enable", schemas, "decimal.format", decimals,
                "replace.null.with.default", replaceNull);
        JsonConverter ours = ours(config, false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(config, false);

        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Struct envelope = envelope(random, i);
            byte[] expected = kafka.fromConnectData("t", ENVELOPE, envelope);
            byte[] actual = ours.fromConnectData("t", ENVELOPE, envelope);
            assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            if (schemas) {
                SchemaAndValue read = ours.toConnectData("t", expected);
                SchemaAndValue kafkaRead = kafka.toConnectData("t", expected);
                assertThat(read.schema()).isEqualTo(kafkaRead.schema());
                assertThat(read.value()).isEqualTo(kafkaRead.value());
            }
        }
        assertThat(ours.fastWrites).as("records written by the fast path").isEqualTo(499);
        if (schemas) {
            assertThat(ours.fastReads).as("records read by the fast path").isEqualTo(499);
        }
    }

    @Test
    void keysAndPrimitivesLikeKafkasConverter() {
        JsonConverter ours = ours(Map.of(), true);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), true);
        Schema key = SchemaBuilder.struct().name("k").field("id", Schema.INT64_SCHEMA).build();
        for (long id = 0; id < 10; id++) {
            Struct value = new Struct(key).put("id", id);
            assertThat(ours.fromConnectData("t", key, value)).isEqualTo(kafka.fromConnectData("t", key, value));
        }
        assertThat(ours.fromConnectData("t", Schema.STRING_SCHEMA, "x")).isEqualTo(kafka.fromConnectData("t", Schema.STRING_SCHEMA, "x"));
        assertThat(ours.fromConnectData("t", null, null)).isNull();
        assertThat(ours.fromConnectData("t", null, Map.of("a", 1))).isEqualTo(kafka.fromConnectData("t", null, Map.of("a", 1)));
        assertThat(ours.toConnectData("t", null)).isEqualTo(kafka.toConnectData("t", null));
    }

    @Test
    void structsInsideArraysAndMapsLikeKafkasConverter() {
        JsonConverter ours = ours(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), false);
        Schema point = SchemaBuilder.struct().name("point").field("x", Schema.INT32_SCHEMA).field("y\"q", Schema.INT32_SCHEMA).build();
        Schema shape = SchemaBuilder.struct().name("shape")
                .field("points", SchemaBuilder.array(point).build())
                .field("named", SchemaBuilder.map(Schema.STRING_SCHEMA, point).build())
                .build();
        for (int i = 0; i < 5; i++) {
            Struct a = new Struct(point).put("x", i).put("y\"q", -i);
            Struct b = new Struct(point).put("x", i * 2).put("y\"q", 7);
            Struct value = new Struct(shape).put("points", List.of(a, b)).put("named", Map.of("first", a, "ä \"b\"", b));
            assertThat(new String(ours.fromConnectData("t", shape, value), StandardCharsets.UTF_8))
                    .isEqualTo(new String(kafka.fromConnectData("t", shape, value), StandardCharsets.UTF_8));
        }
        assertThat(ours.fastWrites).isEqualTo(4);
    }

    @Test
    void threadsSharingOneConverterGetTheirOwnBuffers() throws Exception {
        JsonConverter ours = ours(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int same = 0;
                    for (int i = 0; i < 2000; i++) {
                        Struct envelope = envelope(random, i);
                        byte[] expected;
                        synchronized (kafka) {
                            expected = kafka.fromConnectData("t", ENVELOPE, envelope);
                        }
                        if (Arrays.equals(expected, ours.fromConnectData("t", ENVELOPE, envelope))) {
                            same++;
                        }
                    }
                    return same;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordLeftHalfwayLeavesTheNextRecordsIntact() {
        JsonConverter ours = ours(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), false);
        Schema pair = SchemaBuilder.struct().name("pair").field("a", Schema.STRING_SCHEMA).field("b", Schema.BYTES_SCHEMA).build();
        Struct first = new Struct(pair).put("a", "x").put("b", new byte[] {1, 2});
        assertThat(ours.fromConnectData("t", pair, first)).isEqualTo(kafka.fromConnectData("t", pair, first));
        // A ByteBuffer is off the fast path, found after "a" was written: Kafka's converter writes this record.
        Struct buffer = new Struct(pair).put("a", "y").put("b", java.nio.ByteBuffer.wrap(new byte[] {3}));
        assertThat(ours.fromConnectData("t", pair, buffer)).isEqualTo(kafka.fromConnectData("t", pair, buffer));
        long fast = ours.fastWrites;
        for (int i = 0; i < 3; i++) {
            Struct next = new Struct(pair).put("a", "z" + i).put("b", new byte[] {(byte) i});
            assertThat(new String(ours.fromConnectData("t", pair, next), StandardCharsets.UTF_8))
                    .isEqualTo(new String(kafka.fromConnectData("t", pair, next), StandardCharsets.UTF_8));
        }
        assertThat(ours.fastWrites).as("the records after it are written by the fast path again").isEqualTo(fast + 3);
    }

    @Test
    void leavesUnusualJsonToKafkasConverter() {
        JsonConverter ours = ours(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), false);
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"field\":\"n\"},"
                + "{\"type\":\"boolean\",\"optional\":true,\"field\":\"b\"}],\"optional\":false}";
        List<String> records = new ArrayList<>();
        records.add("{\"schema\":" + schema + ",\"payload\":{\"n\":1,\"b\":true}}");
        records.add("{\"schema\":" + schema + ",\"payload\":{\"n\":\"7\",\"b\":1}}");
        records.add("{\"schema\":" + schema + ",\"payload\":{\"n\":2.5}}");
        records.add("{\"schema\":" + schema + ",\"payload\":{\"n\":3,\"n\":4,\"extra\":[1,{\"x\":2}]}}");
        records.add("{\"payload\":{\"n\":5},\"schema\":" + schema + "}");
        records.add("{\"schema\":null,\"payload\":{\"n\":6}}");
        for (String record : records) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            assertThat(ours.toConnectData("t", bytes)).as(record).isEqualTo(kafka.toConnectData("t", bytes));
        }
        Schema doubles = SchemaBuilder.struct().field("d", Schema.FLOAT64_SCHEMA).build();
        for (double special : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
            Struct value = new Struct(doubles).put("d", special);
            byte[] written = ours.fromConnectData("t", doubles, value);
            assertThat(written).isEqualTo(kafka.fromConnectData("t", doubles, value));
            assertThat(ours.toConnectData("t", written)).isEqualTo(kafka.toConnectData("t", written));
        }
        byte[] bad = "{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":null}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ours.toConnectData("t", bad)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> ours.fromConnectData("t", SOURCE, new Struct(SOURCE).put("ts_ms", 1L)))
                .isInstanceOf(DataException.class);
        // A Date that is not a UTC midnight, a Time outside a day: refused as Kafka's converter refuses them.
        Schema temporal = SchemaBuilder.struct().field("d", Date.SCHEMA).field("t", org.apache.kafka.connect.data.Time.SCHEMA).build();
        Struct notMidnight = new Struct(temporal).put("d", new java.util.Date(86_400_001L)).put("t", new java.util.Date(5));
        Struct nextDay = new Struct(temporal).put("d", new java.util.Date(0)).put("t", new java.util.Date(86_400_001L));
        for (Struct value : List.of(notMidnight, nextDay)) {
            assertThatThrownBy(() -> kafka.fromConnectData("t", temporal, value)).isInstanceOf(DataException.class);
            assertThatThrownBy(() -> ours.fromConnectData("t", temporal, value)).isInstanceOf(DataException.class);
        }
    }

    @Test
    void decimalsOfAnotherScaleAndEqualSchemasLikeKafkasConverter() {
        JsonConverter ours = ours(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(Map.of(), false);
        Schema priced = SchemaBuilder.struct().name("priced").field("price", Decimal.schema(2)).build();
        Struct first = new Struct(priced).put("price", new BigDecimal("-12.34"));
        assertThat(ours.fromConnectData("t", priced, first)).isEqualTo(kafka.fromConnectData("t", priced, first));
        long fast = ours.fastWrites;
        Struct second = new Struct(priced).put("price", new BigDecimal("99999999.99"));
        assertThat(ours.fromConnectData("t", priced, second)).isEqualTo(kafka.fromConnectData("t", priced, second));
        assertThat(ours.fastWrites).isEqualTo(fast + 1);
        // A value of scale 3 in a scale-2 field: refused with Kafka's error.
        Struct wrongScale = new Struct(priced).put("price", new BigDecimal("1.234"));
        assertThatThrownBy(() -> kafka.fromConnectData("t", priced, wrongScale)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> ours.fromConnectData("t", priced, wrongScale)).isInstanceOf(DataException.class)
                .hasMessageContaining("scale");
        // A struct built on an equal schema of its own is written like one built on the converter's schema.
        Schema equal = SchemaBuilder.struct().name("priced").field("price", Decimal.schema(2)).build();
        Struct other = new Struct(equal).put("price", new BigDecimal("0.01"));
        assertThat(ours.fromConnectData("t", priced, other)).isEqualTo(kafka.fromConnectData("t", priced, other));
        assertThat(ours.fastWrites).isEqualTo(fast + 2);
    }

    /**
     * The writer puts bytes together itself instead of through Jackson's generator: every character, double, float,
     * byte string and decimal must come out as Kafka's converter writes it.
     */
    @ParameterizedTest
    @CsvSource({"BASE64", "NUMERIC"})
    void randomValuesComeOutByteForByteLikeKafkasConverter(String decimals) {
        Map<String, Object> config = Map.of("decimal.format", decimals);
        JsonConverter ours = ours(config, false);
        org.apache.kafka.connect.json.JsonConverter kafka = kafkas(config, false);
        Schema schema = SchemaBuilder.struct().name("fuzz")
                .field("s", Schema.OPTIONAL_STRING_SCHEMA)
                .field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("f", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("b", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("n", Decimal.builder(3).optional().build())
                .field("l", Schema.OPTIONAL_INT64_SCHEMA)
                .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).optional().build())
                .build();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            Map<String, Integer> map = new LinkedHashMap<>();
            map.put(randomString(random), random.nextInt());
            Struct value = new Struct(schema)
                    .put("s", randomString(random))
                    .put("d", i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e6)
                    .put("f", i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : random.nextFloat())
                    .put("b", randomBytes(random))
                    .put("n", new BigDecimal(new java.math.BigInteger(random.nextInt(130), random), 3)
                            .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate()))
                    .put("l", random.nextLong())
                    .put("m", map);
            byte[] expected = kafka.fromConnectData("t", schema, value);
            assertThat(ours.fromConnectData("t", schema, value)).as(value.toString()).isEqualTo(expected);
        }
        assertThat(ours.fastWrites).isEqualTo(4999);
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x80)); // ASCII, control characters included
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780))); // two UTF-8 bytes
                case 2 -> text.append((char) random.nextInt(0x10000)); // any char, lone surrogates included
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
                default -> text.append("plain");
            }
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(8)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static JsonConverter ours(Map<String, ?> config, boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(config, isKey);
        return converter;
    }

    private static org.apache.kafka.connect.json.JsonConverter kafkas(Map<String, ?> config, boolean isKey) {
        org.apache.kafka.connect.json.JsonConverter converter = new org.apache.kafka.connect.json.JsonConverter();
        converter.configure(config, isKey);
        return converter;
    }

    private static Struct envelope(Random random, int i) {
        Struct source = new Struct(SOURCE).put("name", "db").put("ts_ms", 1_700_000_000_000L + i)
                .put("lsn", i % 3 == 0 ? null : (long) i * 1000);
        boolean update = i % 4 == 1;
        return new Struct(ENVELOPE)
                .put("before", update ? row(random, i - 1) : null)
                .put("after", i % 7 == 6 ? null : row(random, i))
                .put("source", source)
                .put("op", update ? "u" : "c")
                .put("ts_ms", random.nextBoolean() ? null : System.currentTimeMillis());
    }

    private static Struct row(Random random, int i) {
        Struct row = new Struct(ROW).put("id", (long) i);
        if (random.nextInt(5) == 0) {
            return row; // all optional fields null, status takes its default
        }
        Map<String, Long> attrs = new LinkedHashMap<>();
        attrs.put("a", random.nextLong());
        attrs.put("b\"\\\n", null);
        double[] doubles = {0.0, -0.0, 1e-300, 1.5e300, random.nextDouble(), 1.0};
        return row.put("tiny", (byte) random.nextInt())
                .put("small", (short) random.nextInt())
                .put("qty", random.nextInt())
                .put("ratio", random.nextFloat() * 1000)
                .put("score", doubles[random.nextInt(doubles.length)])
                .put("active", random.nextBoolean())
                .put("note", i % 2 == 0 ? "plain" : "quote \" backslash \\ tab \t ünïcødé ✓ \u0001 😀")
                .put("blob", new byte[] {1, 2, (byte) random.nextInt()})
                .put("amount", BigDecimal.valueOf(random.nextInt(), 2))
                .put("day", new java.util.Date(86_400_000L * (random.nextInt(60_000) - 30_000)))
                .put("at", new java.util.Date(random.nextInt(86_400_000)))
                .put("created", new java.util.Date(random.nextLong() % 4_000_000_000_000L))
                .put("status", i % 3 == 0 ? null : "paid")
                .put("tags", List.of("x", "y" + i))
                .put("attrs", attrs)
                .put("zoned", "2024-01-01T00:00:00Z");
    }
}
