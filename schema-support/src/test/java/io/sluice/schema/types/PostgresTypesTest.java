package io.sluice.schema.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class PostgresTypesTest {

    private static final TypeOptions DEFAULTS = TypeOptions.defaults();

    private static ColumnConverter converter(ColumnType type) {
        return converter(type, DEFAULTS);
    }

    private static ColumnConverter converter(ColumnType type, TypeOptions options) {
        return PostgresTypes.converterFor("public.items", "c", type, options);
    }

    private static Object convert(String typeName, String text) {
        return converter(ColumnType.of(typeName)).toConnect(text);
    }

    @Test
    void integersAtTheirLimits() {
        assertThat(convert("int2", "-32768")).isEqualTo((short) -32768);
        assertThat(convert("smallint", "32767")).isEqualTo((short) 32767);
        assertThat(convert("int4", "-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(convert("integer", "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(convert("int8", "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(convert("bigserial", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(convert("oid", "4294967295")).isEqualTo(4294967295L);
        assertThat(converter(ColumnType.of("int4")).schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(converter(ColumnType.of("int4")).schema().isOptional()).isTrue();
        assertThat(converter(ColumnType.of("int4").required()).schema().isOptional()).isFalse();
        assertThat(convert("int4", null)).isNull();
    }

    @Test
    void floatsKeepNanAndInfinities() {
        assertThat(convert("float4", "NaN")).isEqualTo(Float.NaN);
        assertThat(convert("real", "Infinity")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(convert("float8", "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(convert("double precision", "1.7976931348623157e+308")).isEqualTo(Double.MAX_VALUE);
        assertThat(convert("float8", "4.9e-324")).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void numericInEveryDecimalMode() {
        ColumnConverter precise = converter(ColumnType.of("numeric", 38, 10));
        assertThat(precise.schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(precise.schema().parameters()).containsEntry("scale", "10").containsEntry("connect.decimal.precision", "38");
        assertThat(precise.toConnect("9999999999999999999999999999.9999999999"))
                .isEqualTo(new BigDecimal("9999999999999999999999999999.9999999999"));
        assertThat(precise.toConnect("-1.5")).isEqualTo(new BigDecimal("-1.5000000000"));
        assertThat(precise.toConnect("NaN")).isNull();

        ColumnConverter required = converter(ColumnType.of("numeric", 10, 2).required());
        assertThatThrownBy(() -> required.toConnect("NaN")).isInstanceOf(DataException.class)
                .hasMessageContaining("column c").hasMessageContaining("public.items").hasMessageContaining("numeric");

        ColumnConverter variable = converter(ColumnType.of("numeric"));
        assertThat(variable.schema().name()).isEqualTo(SemanticTypes.VARIABLE_SCALE_DECIMAL);
        Struct value = (Struct) variable.toConnect("-12345678901234567890.123");
        assertThat(value.getInt32("scale")).isEqualTo(3);
        assertThat(new BigInteger(value.getBytes("value"))).isEqualTo(new BigInteger("-12345678901234567890123"));
        assertThat(variable.toConnect("Infinity")).isNull();

        ColumnConverter asDouble = converter(ColumnType.of("numeric", 10, 2),
                DEFAULTS.withDecimalHandling(DecimalHandlingMode.DOUBLE));
        assertThat(asDouble.toConnect("12.25")).isEqualTo(12.25d);
        assertThat(asDouble.toConnect("NaN")).isEqualTo(Double.NaN);
        assertThat(asDouble.toConnect("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);

        ColumnConverter asString = converter(ColumnType.of("numeric"), DEFAULTS.withDecimalHandling(DecimalHandlingMode.STRING));
        assertThat(asString.toConnect("0.000000000000000000000000000001")).isEqualTo("0.000000000000000000000000000001");
        assertThat(asString.toConnect("NaN")).isEqualTo("NaN");
    }

    @Test
    void moneyInDecimalModes() {
        assertThat(convert("money", "$1,234.56")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(convert("money", "-$0.50")).isEqualTo(new BigDecimal("-0.50"));
        assertThat(convert("money", "-$92,233,720,368,547,758.08")).isEqualTo(new BigDecimal("-92233720368547758.08"));
        assertThat(converter(ColumnType.of("money"), DEFAULTS.withDecimalHandling(DecimalHandlingMode.STRING))
                .toConnect("$3.10")).isEqualTo("3.10");
    }

    @Test
    void booleansAndBits() {
        assertThat(convert("bool", "t")).isEqualTo(true);
        assertThat(convert("boolean", "f")).isEqualTo(false);
        assertThat(converter(ColumnType.of("bit", 1, -1)).toConnect("1")).isEqualTo(true);
        ColumnConverter bits = converter(ColumnType.of("bit", 10, -1));
        assertThat(bits.schema().name()).isEqualTo(SemanticTypes.BITS);
        assertThat(bits.schema().parameters()).containsEntry("length", "10");
        // 10 0000 0011 = 0x203, little-endian
        assertThat((byte[]) bits.toConnect("1000000011")).containsExactly(0x03, 0x02);
        assertThat((byte[]) convert("varbit", "")).isEmpty();
    }

    @Test
    void textKeepsUnicodeAndPadding() {
        assertThat(convert("text", "Zoë 日本 🙂")).isEqualTo("Zoë 日本 🙂");
        assertThat(convert("bpchar", "ab  ")).isEqualTo("ab  ");
        assertThat(convert("character varying(20)", "")).isEqualTo("");
        assertThat(convert("inet", "192.168.0.1/24")).isEqualTo("192.168.0.1/24");
        assertThat(convert("macaddr8", "08:00:2b:01:02:03:04:05")).isEqualTo("08:00:2b:01:02:03:04:05");
        assertThat(convert("cidr", "10.0.0.0/8")).isEqualTo("10.0.0.0/8");
    }

    @Test
    void byteaInEveryBinaryMode() {
        assertThat((byte[]) convert("bytea", "\\x")).isEmpty();
        assertThat((byte[]) convert("bytea", "\\x00ff7fA0")).containsExactly(0x00, 0xff, 0x7f, 0xa0);
        assertThat((byte[]) convert("bytea", "a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
        byte[] large = new byte[1 << 20];
        Arrays.fill(large, (byte) 0xab);
        StringBuilder hex = new StringBuilder("\\x");
        hex.append("ab".repeat(large.length));
        assertThat((byte[]) convert("bytea", hex.toString())).isEqualTo(large);
        assertThat(converter(ColumnType.of("bytea"), DEFAULTS.withBinaryHandling(BinaryHandlingMode.BASE64))
                .toConnect("\\x00ff")).isEqualTo("AP8=");
        ColumnConverter hexOut = converter(ColumnType.of("bytea"), DEFAULTS.withBinaryHandling(BinaryHandlingMode.HEX));
        assertThat(hexOut.schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(hexOut.toConnect("\\x00FF")).isEqualTo("00ff");
    }

    @Test
    void datesIncludingBcAndInfinity() {
        assertThat(convert("date", "1970-01-01")).isEqualTo(0);
        assertThat(convert("date", "2024-02-29")).isEqualTo(19782);
        assertThat(convert("date", "1969-12-31")).isEqualTo(-1);
        assertThat(convert("date", "0001-01-01 BC")).isEqualTo((int) java.time.LocalDate.of(0, 1, 1).toEpochDay());
        assertThat(convert("date", "infinity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(convert("date", "-infinity")).isEqualTo(Integer.MIN_VALUE);
        assertThat(converter(ColumnType.of("date")).schema().name()).isEqualTo(SemanticTypes.DATE);
        ColumnConverter connect = converter(ColumnType.of("date"), DEFAULTS.withTimePrecision(TimePrecisionMode.CONNECT));
        assertThat(connect.schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
        assertThat(connect.toConnect("2024-02-29")).isEqualTo(new java.util.Date(19782L * 86_400_000L));
    }

    @Test
    void timesByPrecisionAndMode() {
        ColumnConverter micro = converter(ColumnType.of("time"));
        assertThat(micro.schema().name()).isEqualTo(SemanticTypes.MICRO_TIME);
        assertThat(micro.toConnect("13:45:30.123456")).isEqualTo(49_530_123_456L);
        assertThat(micro.toConnect("24:00:00")).isEqualTo(86_400_000_000L);
        assertThat(micro.toConnect("00:00:00")).isEqualTo(0L);
        ColumnConverter milli = converter(ColumnType.of("time", 3, -1));
        assertThat(milli.schema().name()).isEqualTo(SemanticTypes.TIME);
        assertThat(milli.toConnect("13:45:30.123")).isEqualTo(49_530_123);
        assertThat(converter(ColumnType.of("time", 0, -1), DEFAULTS.withTimePrecision(TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS))
                .toConnect("00:00:01")).isEqualTo(1_000_000L);
        assertThat(converter(ColumnType.of("time"), DEFAULTS.withTimePrecision(TimePrecisionMode.CONNECT))
                .toConnect("00:00:01.5")).isEqualTo(new java.util.Date(1500));
        ColumnConverter zoned = converter(ColumnType.of("timetz"));
        assertThat(zoned.schema().name()).isEqualTo(SemanticTypes.ZONED_TIME);
        assertThat(zoned.toConnect("13:45:30.5+02")).isEqualTo("11:45:30.5Z");
        assertThat(zoned.toConnect("01:00:00-05:30")).isEqualTo("06:30:00Z");
        assertThat(zoned.toConnect("01:00:00+03")).isEqualTo("22:00:00Z");
    }

    @Test
    void timestampsWithMicrosecondsZonesAndInfinity() {
        ColumnConverter micro = converter(ColumnType.of("timestamp"));
        assertThat(micro.schema().name()).isEqualTo(SemanticTypes.MICRO_TIMESTAMP);
        assertThat(micro.toConnect("2024-01-31 13:45:30.123456")).isEqualTo(1_706_708_730_123_456L);
        assertThat(micro.toConnect("1969-12-31 23:59:59.999999")).isEqualTo(-1L);
        assertThat(micro.toConnect("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(micro.toConnect("-infinity")).isEqualTo(Long.MIN_VALUE);
        assertThat(micro.toConnect("0044-03-15 12:00:00 BC")).isEqualTo(java.time.LocalDateTime.of(-43, 3, 15, 12, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L);
        ColumnConverter milli = converter(ColumnType.of("timestamp", 3, -1));
        assertThat(milli.schema().name()).isEqualTo(SemanticTypes.TIMESTAMP);
        assertThat(milli.toConnect("2024-01-31 13:45:30.1")).isEqualTo(1_706_708_730_100L);

        ColumnConverter zoned = converter(ColumnType.of("timestamptz"));
        assertThat(zoned.schema().name()).isEqualTo(SemanticTypes.ZONED_TIMESTAMP);
        assertThat(zoned.toConnect("2024-01-31 13:45:30.123456+02")).isEqualTo("2024-01-31T11:45:30.123456Z");
        assertThat(zoned.toConnect("2024-01-01 00:30:00+05:30")).isEqualTo("2023-12-31T19:00:00Z");
        assertThat(zoned.toConnect("2024-01-31 13:45:30-08")).isEqualTo("2024-01-31T21:45:30Z");
        assertThat(zoned.toConnect("infinity")).isEqualTo("infinity");
        assertThat(zoned.toConnect("-infinity")).isEqualTo("-infinity");
    }

    @Test
    void intervalsAsMicrosOrIso() {
        ColumnConverter numeric = converter(ColumnType.of("interval"));
        assertThat(numeric.schema().name()).isEqualTo(SemanticTypes.MICRO_DURATION);
        assertThat(numeric.toConnect("00:00:00")).isEqualTo(0L);
        assertThat(numeric.toConnect("1 day 00:00:01.5")).isEqualTo(86_401_500_000L);
        assertThat(numeric.toConnect("1 mon")).isEqualTo(2_629_800_000_000L);
        assertThat(numeric.toConnect("-1 days +02:03:00")).isEqualTo(-86_400_000_000L + 7_380_000_000L);
        assertThat(numeric.toConnect("1 year 2 mons 3 days 04:05:06.78"))
                .isEqualTo(14 * 2_629_800_000_000L + 3 * 86_400_000_000L + 14_706_780_000L);
        ColumnConverter iso = converter(ColumnType.of("interval"), DEFAULTS.withIntervalHandling(IntervalHandlingMode.STRING));
        assertThat(iso.schema().name()).isEqualTo(SemanticTypes.INTERVAL);
        assertThat(iso.toConnect("1 year 2 mons 3 days 04:05:06.78")).isEqualTo("P1Y2M3DT4H5M6.78S");
        assertThat(iso.toConnect("-00:00:01.5")).isEqualTo("P0Y0M0DT0H0M-1.5S");
        assertThat(iso.toConnect("P1Y2M3DT4H5M6.78S")).isEqualTo("P1Y2M3DT4H5M6.78S");
    }

    @Test
    void semanticStringTypes() {
        ColumnConverter uuid = converter(ColumnType.of("uuid"));
        assertThat(uuid.schema().name()).isEqualTo(SemanticTypes.UUID);
        assertThat(uuid.toConnect("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(converter(ColumnType.of("jsonb")).schema().name()).isEqualTo(SemanticTypes.JSON);
        assertThat(convert("json", "{\"a\": [1, \"ü\"]}")).isEqualTo("{\"a\": [1, \"ü\"]}");
        assertThat(converter(ColumnType.of("xml")).schema().name()).isEqualTo(SemanticTypes.XML);
        ColumnConverter mood = converter(ColumnType.of("mood").withEnumValues(List.of("sad", "ok", "happy")));
        assertThat(mood.schema().name()).isEqualTo(SemanticTypes.ENUM);
        assertThat(mood.schema().parameters()).containsEntry("allowed", "sad,ok,happy");
        assertThat(mood.toConnect("ok")).isEqualTo("ok");
    }

    @Test
    void arraysWithQuotingAndNulls() {
        ColumnConverter ints = converter(ColumnType.of("_int4"));
        assertThat(ints.schema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(ints.schema().valueSchema().isOptional()).isTrue();
        assertThat(ints.toConnect("{1,NULL,-3}")).isEqualTo(Arrays.asList(1, null, -3));
        assertThat(ints.toConnect("{}")).isEqualTo(List.of());
        ColumnConverter texts = converter(ColumnType.of("text[]"));
        assertThat(texts.toConnect("{\"a b\",\"c\\\"d\",NULL,\"NULL\",plain,\"x,y\",\"back\\\\slash\"}"))
                .isEqualTo(Arrays.asList("a b", "c\"d", null, "NULL", "plain", "x,y", "back\\slash"));
        ColumnConverter stamps = converter(ColumnType.of("_timestamptz"));
        assertThat(stamps.toConnect("{\"2024-01-31 13:45:30+00\"}")).isEqualTo(List.of("2024-01-31T13:45:30Z"));
        ColumnConverter numerics = converter(ColumnType.of("_numeric", 5, 2));
        assertThat(numerics.toConnect("{1.50,NaN}")).isEqualTo(Arrays.asList(new BigDecimal("1.50"), null));
        assertThatThrownBy(() -> ints.toConnect("{{1,2},{3,4}}")).isInstanceOf(DataException.class)
                .hasMessageContaining("multi-dimensional");
    }

    @Test
    void defaultsAreConvertedIntoTheSchema() {
        ColumnConverter withDefault = converter(ColumnType.of("int4").required().withDefault("42"));
        assertThat(withDefault.schema().defaultValue()).isEqualTo(42);
        ColumnConverter expression = converter(ColumnType.of("timestamp").withDefault("now()"));
        assertThat(expression.schema().defaultValue()).isNull();
    }

    @Test
    void unknownTypesFailOrAreSkipped() {
        assertThatThrownBy(() -> converter(ColumnType.of("tsvector")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("public.items").hasMessageContaining("column c").hasMessageContaining("tsvector");
        assertThat(converter(ColumnType.of("tsvector"),
                DEFAULTS.withUnsupportedTypeHandling(UnsupportedTypeHandlingMode.SKIP))).isNull();
        assertThat(converter(ColumnType.of("_tsvector"),
                DEFAULTS.withUnsupportedTypeHandling(UnsupportedTypeHandlingMode.SKIP))).isNull();
    }

    @Test
    void rareButValidTextForms() {
        ColumnConverter zoned = converter(ColumnType.of("timestamptz"));
        assertThat(zoned.toConnect("10000-01-01 00:00:00+00")).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(zoned.toConnect("0001-01-01 00:00:00+00 BC")).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(zoned.toConnect("2024-06-01 12:00:00+05:45:30")).isEqualTo("2024-06-01T06:14:30Z");
        assertThat(converter(ColumnType.of("timestamp")).toConnect("2024-01-31 13:45:30.1234567"))
                .isEqualTo(1_706_708_730_123_456L);
        ColumnConverter iso = converter(ColumnType.of("interval"), DEFAULTS.withIntervalHandling(IntervalHandlingMode.STRING));
        assertThat(iso.toConnect("-P1Y2M")).isEqualTo("P-1Y-2M0DT0H0M0S");
        assertThat(iso.toConnect("P-3DT-4H")).isEqualTo("P0Y0M-3DT-4H0M0S");
        assertThat(converter(ColumnType.of("interval")).toConnect("100:00:00")).isEqualTo(360_000_000_000L);
        assertThat(converter(ColumnType.of("_int4")).toConnect("[0:1]={7,8}")).isEqualTo(List.of(7, 8));
        assertThat(converter(ColumnType.of("_text")).toConnect("{\"\"}")).isEqualTo(List.of(""));
        assertThat(converter(ColumnType.of("_bool")).toConnect("{t,f,NULL}")).isEqualTo(Arrays.asList(true, false, null));
        assertThat(converter(ColumnType.of("int4")).schema().isOptional()).isTrue();
    }

    @Test
    void hstoreAsJsonAndPointsAsGeometry() {
        ColumnConverter hstore = converter(ColumnType.of("hstore"));
        assertThat(hstore.schema().name()).isEqualTo(SemanticTypes.JSON);
        assertThat(hstore.toConnect("\"a\"=>\"1\", \"b\"=>NULL, \"q\\\"k\"=>\"x y\"")).isEqualTo(
                "{\"a\":\"1\",\"b\":null,\"q\\\"k\":\"x y\"}");
        assertThat(hstore.toConnect("")).isEqualTo("{}");
        ColumnConverter point = converter(ColumnType.of("point"));
        assertThat(point.schema().name()).isEqualTo(SemanticTypes.POINT);
        Struct value = (Struct) point.toConnect("(1.5,-2)");
        assertThat(value.getFloat64("x")).isEqualTo(1.5);
        assertThat(value.getFloat64("y")).isEqualTo(-2.0);
        assertThat(value.getBytes("wkb")).hasSize(21).startsWith(1, 1, 0, 0, 0);
        assertThat(value.get("srid")).isNull();
    }

    @Test
    void badTextNamesTheColumn() {
        assertThatThrownBy(() -> convert("int4", "abc")).isInstanceOf(DataException.class)
                .hasMessageContaining("'abc'").hasMessageContaining("column c").hasMessageContaining("int4");
        assertThatThrownBy(() -> convert("date", "2024-13-01")).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> converter(ColumnType.of("int4")).toConnect(5)).isInstanceOf(DataException.class)
                .hasMessageContaining("String");
    }
}
