package io.sluice.cdc.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.cdc.mysql.config.TypeConfig;
import io.sluice.cdc.mysql.config.ZeroDateHandlingMode;
import io.sluice.schema.types.ColumnConverter;
import io.sluice.schema.types.TypeOptions;
import io.sluice.schema.types.UnsignedBigIntHandlingMode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ColumnConvertersTest {

    private static final TableId TABLE = new TableId("db", "t");
    private static final TypeConfig DEFAULTS = new TypeConfig(TypeOptions.defaults(), ZeroDateHandlingMode.NULL);

    private static ColumnConverter converter(ColumnDefinition column) {
        return ColumnConverters.forColumn(TABLE, column, DEFAULTS);
    }

    private static ColumnDefinition column(String type, boolean unsigned, int length, int scale, boolean optional) {
        return ColumnDefinition.of("c", 1, type, unsigned, length, scale, optional, "utf8mb4", List.of());
    }

    @Test
    void unsignedIntegersArriveAsSignedBitPatterns() {
        assertThat(converter(column("tinyint", true, -1, -1, true)).toConnect(-1)).isEqualTo((short) 255);
        assertThat(converter(column("smallint", true, -1, -1, true)).toConnect(-1)).isEqualTo(65535);
        assertThat(converter(column("mediumint", true, -1, -1, true)).toConnect(-1)).isEqualTo(16777215);
        assertThat(converter(column("int", true, -1, -1, true)).toConnect(-1)).isEqualTo(4294967295L);
        assertThat(converter(column("bigint", true, -1, -1, true)).toConnect(-1L)).isEqualTo(-1L);
        ColumnConverter precise = ColumnConverters.forColumn(TABLE, column("bigint", true, -1, -1, true),
                new TypeConfig(TypeOptions.defaults().withUnsignedBigIntHandling(UnsignedBigIntHandlingMode.PRECISE),
                        ZeroDateHandlingMode.NULL));
        assertThat(precise.toConnect(-1L)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(precise.toConnect(new BigDecimal("18446744073709551615")))
                .isEqualTo(new BigDecimal("18446744073709551615"));
    }

    @Test
    void enumsSetsAndBits() {
        ColumnConverter e = converter(column("enum", false, -1, -1, true).withEnumValues(List.of("a", "b")));
        assertThat(e.toConnect(2)).isEqualTo("b");
        assertThat(e.toConnect("a")).isEqualTo("a");
        assertThat(e.toConnect(0)).isEqualTo("");
        ColumnConverter s = converter(column("set", false, -1, -1, true).withEnumValues(List.of("x", "y", "z")));
        assertThat(s.toConnect(5L)).isEqualTo("x,z");
        assertThat(s.toConnect(0L)).isEqualTo("");
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(9);
        assertThat((byte[]) converter(column("bit", false, 10, -1, true)).toConnect(bits)).containsExactly(1, 2);
        assertThat((byte[]) converter(column("bit", false, 10, -1, true)).toConnect(new byte[] {2, 1}))
                .containsExactly(1, 2);
        assertThat(converter(column("bit", false, 1, -1, true)).toConnect(new byte[] {1})).isEqualTo(true);
    }

    @Test
    void stringsAreDecodedInTheColumnCharset() {
        ColumnDefinition latin1 = ColumnDefinition.of("c", 1, "varchar", false, 10, -1, true, "latin1", List.of());
        assertThat(converter(latin1).toConnect("café".getBytes(java.nio.charset.Charset.forName("windows-1252"))))
                .isEqualTo("café");
        assertThat(converter(column("varchar", false, 10, -1, true)).toConnect("é".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("é");
    }

    @Test
    void zeroDatesFollowTheOptionAndTheColumnsNullability() {
        assertThat(converter(column("date", false, -1, -1, true)).toConnect(ZeroDate.INSTANCE)).isNull();
        assertThat(converter(column("date", false, -1, -1, false)).toConnect(ZeroDate.INSTANCE)).isEqualTo(0);
        assertThat(converter(column("datetime", false, -1, 6, false)).toConnect(ZeroDate.INSTANCE)).isEqualTo(0L);
        assertThat(converter(column("timestamp", false, -1, 0, false)).toConnect(0L))
                .isEqualTo("1970-01-01T00:00:00Z");
        ColumnConverter epoch = ColumnConverters.forColumn(TABLE, column("date", false, -1, -1, true),
                new TypeConfig(TypeOptions.defaults(), ZeroDateHandlingMode.EPOCH));
        assertThat(epoch.toConnect(ZeroDate.INSTANCE)).isEqualTo(0);
    }

    @Test
    void timestampsAreIsoInstantsWithTheColumnsDigits() {
        assertThat(ColumnConverters.isoInstant(1_706_701_530_123_456L, 6)).isEqualTo("2024-01-31T11:45:30.123456Z");
        assertThat(ColumnConverters.isoInstant(1_706_701_530_123_456L, 3)).isEqualTo("2024-01-31T11:45:30.123Z");
        assertThat(ColumnConverters.isoInstant(1_706_701_530_000_000L, 0)).isEqualTo("2024-01-31T11:45:30Z");
    }

    @Test
    void wrongValuesNameTheColumnAndUnknownTypesFailByDefault() {
        assertThatThrownBy(() -> converter(column("int", false, -1, -1, true)).toConnect("x"))
                .isInstanceOf(DataException.class).hasMessageContaining("db.t.c");
        assertThatThrownBy(() -> converter(column("vector", false, -1, -1, true)))
                .isInstanceOf(DataException.class).hasMessageContaining("unsupported.type.handling.mode");
    }

    @Test
    void temporalTextParsesWhatTheServerWrites() {
        assertThat(TemporalText.parseTime("-838:59:59.000000")).isEqualTo(-(838L * 3600 + 59 * 60 + 59) * 1_000_000);
        assertThat(TemporalText.parseTime("12:00:00.5")).isEqualTo(12L * 3600 * 1_000_000 + 500_000);
        assertThat(TemporalText.parseDate("0000-00-00")).isEqualTo(ZeroDate.INSTANCE);
        assertThat(TemporalText.parseDateTime("1969-12-31 23:59:59.999999")).isEqualTo(-1L);
        assertThat(TableCatalog.parseEnumValues("enum('a','it''s','c,d')")).containsExactly("a", "it's", "c,d");
    }
}
