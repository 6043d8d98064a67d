package io.sluice.schema.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class MySqlTypesTest {

    private static final TypeOptions DEFAULTS = TypeOptions.defaults();

    private static ColumnConverter converter(ColumnType type) {
        return converter(type, DEFAULTS);
    }

    private static ColumnConverter converter(ColumnType type, TypeOptions options) {
        return MySqlTypes.converterFor("shop.orders", "c", type, options);
    }

    @Test
    void signedIntegersAtTheirLimits() {
        assertThat(converter(ColumnType.of("TINYINT")).toConnect(-128)).isEqualTo((short) -128);
        assertThat(converter(ColumnType.of("SMALLINT")).toConnect(32767)).isEqualTo((short) 32767);
        assertThat(converter(ColumnType.of("MEDIUMINT")).toConnect(-8388608)).isEqualTo(-8388608);
        assertThat(converter(ColumnType.of("INT")).toConnect(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(converter(ColumnType.of("BIGINT")).toConnect(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(converter(ColumnType.of("BOOLEAN")).toConnect(1)).isEqualTo(true);
        assertThat(converter(ColumnType.of("BOOL")).toConnect(Boolean.FALSE)).isEqualTo(false);
        assertThat(converter(ColumnType.of("INT")).toConnect(null)).isNull();
    }

    @Test
    void unsignedIntegersWidenAndReadBinlogNegatives() {
        ColumnConverter tiny = converter(ColumnType.of("TINYINT").asUnsigned());
        assertThat(tiny.schema().type()).isEqualTo(Schema.Type.INT16);
        assertThat(tiny.toConnect(-1)).isEqualTo((short) 255);
        ColumnConverter small = converter(ColumnType.of("SMALLINT UNSIGNED"));
        assertThat(small.schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(small.toConnect(65535)).isEqualTo(65535);
        assertThat(small.toConnect((short) -1)).isEqualTo(65535);
        ColumnConverter medium = converter(ColumnType.of("MEDIUMINT").asUnsigned());
        assertThat(medium.toConnect(-1)).isEqualTo(16777215);
        ColumnConverter integer = converter(ColumnType.of("INT").asUnsigned());
        assertThat(integer.schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(integer.toConnect(4294967295L)).isEqualTo(4294967295L);
        assertThat(integer.toConnect(-1)).isEqualTo(4294967295L);

        ColumnConverter bigLong = converter(ColumnType.of("BIGINT").asUnsigned());
        assertThat(bigLong.schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(bigLong.toConnect(new BigInteger("18446744073709551615"))).isEqualTo(-1L);
        ColumnConverter bigPrecise = converter(ColumnType.of("BIGINT").asUnsigned(),
                DEFAULTS.withUnsignedBigIntHandling(UnsignedBigIntHandlingMode.PRECISE));
        assertThat(bigPrecise.schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(bigPrecise.toConnect(new BigInteger("18446744073709551615"))).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(bigPrecise.toConnect(-1L)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(bigPrecise.toConnect(0L)).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void floatsAndDecimals() {
        assertThat(converter(ColumnType.of("FLOAT")).toConnect(1.5f)).isEqualTo(1.5f);
        assertThat(converter(ColumnType.of("FLOAT")).schema().type()).isEqualTo(Schema.Type.FLOAT32);
        assertThat(converter(ColumnType.of("DOUBLE")).toConnect(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
        assertThat(converter(ColumnType.of("DOUBLE")).toConnect(-Double.MIN_VALUE)).isEqualTo(-Double.MIN_VALUE);
        ColumnConverter precise = converter(ColumnType.of("DECIMAL", 65, 30));
        assertThat(precise.schema().parameters()).containsEntry("scale", "30").containsEntry("connect.decimal.precision", "65");
        BigDecimal max = new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999");
        assertThat(precise.toConnect(max)).isEqualTo(max);
        assertThat(precise.toConnect(new BigDecimal("-1.5"))).isEqualTo(new BigDecimal("-1.500000000000000000000000000000"));
        assertThat(converter(ColumnType.of("NUMERIC", 10, 2), DEFAULTS.withDecimalHandling(DecimalHandlingMode.DOUBLE))
                .toConnect(new BigDecimal("12.25"))).isEqualTo(12.25d);
        assertThat(converter(ColumnType.of("DECIMAL", 10, 2), DEFAULTS.withDecimalHandling(DecimalHandlingMode.STRING))
                .toConnect(new BigDecimal("0.10"))).isEqualTo("0.10");
    }

    @Test
    void bits() {
        assertThat(converter(ColumnType.of("BIT", 1, -1)).toConnect(new byte[] {1})).isEqualTo(true);
        assertThat(converter(ColumnType.of("BIT", 1, -1)).toConnect(Boolean.FALSE)).isEqualTo(false);
        ColumnConverter bits = converter(ColumnType.of("BIT", 12, -1));
        assertThat(bits.schema().name()).isEqualTo(SemanticTypes.BITS);
        assertThat((byte[]) bits.toConnect(new byte[] {0x02, 0x03})).containsExactly(0x03, 0x02);
        BitSet set = new BitSet();
        set.set(0);
        set.set(9);
        assertThat((byte[]) bits.toConnect(set)).containsExactly(0x01, 0x02);
    }

    @Test
    void textAndBinary() {
        assertThat(converter(ColumnType.of("VARCHAR", 255, -1)).toConnect("Zoë 🙂")).isEqualTo("Zoë 🙂");
        assertThat(converter(ColumnType.of("LONGTEXT")).toConnect("")).isEqualTo("");
        assertThat(converter(ColumnType.of("TEXT")).toConnect("日本".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("日本");
        assertThat((byte[]) converter(ColumnType.of("BLOB")).toConnect(new byte[0])).isEmpty();
        byte[] large = new byte[4 << 20];
        large[large.length - 1] = 7;
        assertThat((byte[]) converter(ColumnType.of("LONGBLOB")).toConnect(large)).isSameAs(large);
        assertThat(converter(ColumnType.of("VARBINARY", 16, -1), DEFAULTS.withBinaryHandling(BinaryHandlingMode.HEX))
                .toConnect(ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}))).isEqualTo("cafe");
        assertThat(converter(ColumnType.of("BINARY", 2, -1), DEFAULTS.withBinaryHandling(BinaryHandlingMode.BASE64))
                .toConnect(new byte[] {0, (byte) 0xff})).isEqualTo("AP8=");
    }

    @Test
    void datesAndTimes() {
        ColumnConverter date = converter(ColumnType.of("DATE"));
        assertThat(date.toConnect(LocalDate.of(2024, 2, 29))).isEqualTo(19782);
        assertThat(date.toConnect(java.sql.Date.valueOf("1000-01-01"))).isEqualTo((int) LocalDate.of(1000, 1, 1).toEpochDay());
        assertThat(date.toConnect(LocalDate.of(9999, 12, 31))).isEqualTo(2932896);

        ColumnConverter time = converter(ColumnType.of("TIME", 6, -1));
        assertThat(time.schema().name()).isEqualTo(SemanticTypes.MICRO_TIME);
        assertThat(time.toConnect(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59))).isEqualTo(-3_020_399_000_000L);
        assertThat(time.toConnect("838:59:59.000000")).isEqualTo(3_020_399_000_000L);
        assertThat(time.toConnect("-00:00:00.5")).isEqualTo(-500_000L);
        assertThat(time.toConnect(LocalTime.of(23, 59, 59, 999_999_000))).isEqualTo(86_399_999_999L);
        ColumnConverter timeMillis = converter(ColumnType.of("TIME", 0, -1));
        assertThat(timeMillis.schema().name()).isEqualTo(SemanticTypes.TIME);
        assertThat(timeMillis.toConnect(java.sql.Time.valueOf("10:00:00"))).isEqualTo(36_000_000);

        ColumnConverter datetime = converter(ColumnType.of("DATETIME", 6, -1));
        assertThat(datetime.schema().name()).isEqualTo(SemanticTypes.MICRO_TIMESTAMP);
        assertThat(datetime.toConnect(LocalDateTime.of(2024, 1, 31, 13, 45, 30, 123_456_000))).isEqualTo(1_706_708_730_123_456L);
        assertThat(datetime.toConnect("2024-01-31 13:45:30.123456")).isEqualTo(1_706_708_730_123_456L);
        ColumnConverter datetime0 = converter(ColumnType.of("DATETIME"));
        assertThat(datetime0.schema().name()).isEqualTo(SemanticTypes.TIMESTAMP);
        assertThat(datetime0.toConnect(java.sql.Timestamp.valueOf("1970-01-01 00:00:01"))).isEqualTo(1000L);
        assertThat(converter(ColumnType.of("DATETIME", 3, -1), DEFAULTS.withTimePrecision(TimePrecisionMode.CONNECT))
                .toConnect(LocalDateTime.of(1970, 1, 1, 0, 0, 2))).isEqualTo(new java.util.Date(2000));

        ColumnConverter timestamp = converter(ColumnType.of("TIMESTAMP", 6, -1));
        assertThat(timestamp.schema().name()).isEqualTo(SemanticTypes.ZONED_TIMESTAMP);
        assertThat(timestamp.toConnect(Instant.parse("2024-01-31T11:45:30.000001Z"))).isEqualTo("2024-01-31T11:45:30.000001Z");
        assertThat(timestamp.toConnect(OffsetDateTime.of(2024, 1, 31, 13, 45, 30, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2024-01-31T11:45:30Z");
        assertThat(timestamp.toConnect(java.sql.Timestamp.from(Instant.parse("2038-01-19T03:14:07Z"))))
                .isEqualTo("2038-01-19T03:14:07Z");
    }

    @Test
    void timeOutOfConnectRangeNamesTheFix() {
        ColumnConverter connect = converter(ColumnType.of("TIME"), DEFAULTS.withTimePrecision(TimePrecisionMode.CONNECT));
        assertThatThrownBy(() -> connect.toConnect(Duration.ofHours(-1))).isInstanceOf(DataException.class)
                .hasMessageContaining("adaptive_time_microseconds");
    }

    @Test
    void yearEnumSetJsonGeometry() {
        ColumnConverter year = converter(ColumnType.of("YEAR"));
        assertThat(year.schema().name()).isEqualTo(SemanticTypes.YEAR);
        assertThat(year.toConnect((short) 2155)).isEqualTo(2155);
        assertThat(year.toConnect(java.sql.Date.valueOf("1901-01-01"))).isEqualTo(1901);

        ColumnConverter size = converter(ColumnType.of("ENUM").withEnumValues(List.of("S", "M", "L")));
        assertThat(size.schema().parameters()).containsEntry("allowed", "S,M,L");
        assertThat(size.toConnect("M")).isEqualTo("M");
        assertThat(size.toConnect(3)).isEqualTo("L");
        ColumnConverter flags = converter(ColumnType.of("SET").withEnumValues(List.of("a", "b", "c")));
        assertThat(flags.schema().name()).isEqualTo(SemanticTypes.ENUM_SET);
        assertThat(flags.toConnect(5L)).isEqualTo("a,c");
        assertThat(flags.toConnect(0L)).isEqualTo("");
        assertThat(flags.toConnect("a,b")).isEqualTo("a,b");

        ColumnConverter json = converter(ColumnType.of("JSON"));
        assertThat(json.schema().name()).isEqualTo(SemanticTypes.JSON);
        assertThat(json.toConnect("{\"k\":\"ü\"}")).isEqualTo("{\"k\":\"ü\"}");

        byte[] wkb = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40};
        byte[] internal = ByteBuffer.allocate(4 + wkb.length).order(ByteOrder.LITTLE_ENDIAN).putInt(4326).put(wkb).array();
        ColumnConverter point = converter(ColumnType.of("POINT"));
        assertThat(point.schema().name()).isEqualTo(SemanticTypes.GEOMETRY);
        Struct geometry = (Struct) point.toConnect(internal);
        assertThat(geometry.getInt32("srid")).isEqualTo(4326);
        assertThat(geometry.getBytes("wkb")).isEqualTo(wkb);
    }

    @Test
    void unknownTypesAndWrongValues() {
        assertThatThrownBy(() -> converter(ColumnType.of("VECTOR")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("column c").hasMessageContaining("shop.orders").hasMessageContaining("VECTOR");
        assertThat(converter(ColumnType.of("VECTOR"), DEFAULTS.withUnsupportedTypeHandling(UnsupportedTypeHandlingMode.SKIP)))
                .isNull();
        assertThatThrownBy(() -> converter(ColumnType.of("DATE")).toConnect("2024-01-01"))
                .isInstanceOf(DataException.class).hasMessageContaining("LocalDate");
    }

    @Test
    void optionsComeFromConfig() {
        ConfigDef def = TypeOptions.define(new ConfigDef(), "Types");
        TypeOptions options = TypeOptions.from(new AbstractConfig(def, Map.of(
                "decimal.handling.mode", "STRING",
                "time.precision.mode", "adaptive_time_microseconds",
                "binary.handling.mode", "hex",
                "bigint.unsigned.handling.mode", "precise",
                "unsupported.type.handling.mode", "skip")));
        assertThat(options.decimalHandling()).isEqualTo(DecimalHandlingMode.STRING);
        assertThat(options.timePrecision()).isEqualTo(TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
        assertThat(options.binaryHandling()).isEqualTo(BinaryHandlingMode.HEX);
        assertThat(options.unsignedBigIntHandling()).isEqualTo(UnsignedBigIntHandlingMode.PRECISE);
        assertThat(options.intervalHandling()).isEqualTo(IntervalHandlingMode.NUMERIC);
        assertThat(options.unsupportedTypeHandling()).isEqualTo(UnsupportedTypeHandlingMode.SKIP);
        assertThat(options.moneyFractionDigits()).isEqualTo(2);
        assertThat(TypeOptions.from(new AbstractConfig(def, Map.of()))).isEqualTo(TypeOptions.defaults());
        assertThatThrownBy(() -> new AbstractConfig(def, Map.of("decimal.handling.mode", "exact")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("decimal.handling.mode");
    }
}
