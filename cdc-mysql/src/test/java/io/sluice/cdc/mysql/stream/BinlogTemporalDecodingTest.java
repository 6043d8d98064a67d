package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.sluice.cdc.mysql.schema.ZeroDate;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Byte layouts from MySQL's my_time.cc packing, built by hand. */
class BinlogTemporalDecodingTest {

    private static ByteArrayInputStream bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return new ByteArrayInputStream(bytes);
    }

    @Test
    void dates() throws Exception {
        // 2024-02-29: (2024 * 16 + 2) * 32 + 29, little-endian.
        int packed = (2024 * 16 + 2) * 32 + 29;
        assertThat(BinlogTemporalDecoding.date(bytes(packed & 0xFF, (packed >> 8) & 0xFF, packed >> 16)))
                .isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(BinlogTemporalDecoding.date(bytes(0, 0, 0))).isEqualTo(ZeroDate.INSTANCE);
    }

    @Test
    void dateTimesWithMicroseconds() throws Exception {
        long ymd = ((2024L * 13 + 1) << 5) | 31;
        long hms = (11L << 12) | (45 << 6) | 30;
        long packed = ((ymd << 17) | hms) + 0x8000000000L;
        int fraction = 123456;
        ByteArrayInputStream in = bytes((int) (packed >> 32), (int) (packed >> 24) & 0xFF, (int) (packed >> 16) & 0xFF,
                (int) (packed >> 8) & 0xFF, (int) packed & 0xFF, fraction >> 16, (fraction >> 8) & 0xFF,
                fraction & 0xFF);
        long expected = LocalDateTime.of(2024, 1, 31, 11, 45, 30).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + fraction;
        assertThat(BinlogTemporalDecoding.dateTimeV2(6, in)).isEqualTo(expected);
        assertThat(BinlogTemporalDecoding.dateTimeV2(0, bytes(0x80, 0, 0, 0, 0))).isEqualTo(ZeroDate.INSTANCE);
    }

    @Test
    void negativeAndLongTimes() throws Exception {
        // TIME(0) '-01:00:00': intpart = -(1 << 12) offset by 0x800000.
        long packed = 0x800000L - (1L << 12);
        assertThat(BinlogTemporalDecoding.timeV2(0, bytes((int) (packed >> 16), (int) (packed >> 8) & 0xFF,
                (int) packed & 0xFF))).isEqualTo(-3_600_000_000L);
        // TIME(0) '838:59:59'.
        long max = 0x800000L + ((838L << 12) | (59 << 6) | 59);
        assertThat(BinlogTemporalDecoding.timeV2(0, bytes((int) (max >> 16), (int) (max >> 8) & 0xFF,
                (int) max & 0xFF))).isEqualTo((838L * 3600 + 59 * 60 + 59) * 1_000_000);
        // TIME(6) '-00:00:00.000001': the 48-bit packed value minus one, offset by 0x800000000000.
        long micro = 0x800000000000L - 1;
        assertThat(BinlogTemporalDecoding.timeV2(6, bytes((int) (micro >> 40) & 0xFF, (int) (micro >> 32) & 0xFF,
                (int) (micro >> 24) & 0xFF, (int) (micro >> 16) & 0xFF, (int) (micro >> 8) & 0xFF,
                (int) micro & 0xFF))).isEqualTo(-1L);
    }

    @Test
    void yearsAndTimestamps() throws Exception {
        assertThat(BinlogTemporalDecoding.year(bytes(124))).isEqualTo(2024);
        assertThat(BinlogTemporalDecoding.year(bytes(0))).isEqualTo(0);
        // TIMESTAMP(3) stores the fraction in units of 100 microseconds: .999 is 9990.
        assertThat(BinlogTemporalDecoding.timestampV2(3, bytes(0, 0, 0, 10, 0x27, 0x06)))
                .isEqualTo(10_000_000L + 999_000);
    }
}
