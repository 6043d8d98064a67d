package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.sluice.cdc.mysql.schema.TemporalText;
import io.sluice.cdc.mysql.schema.ZeroDate;
import java.io.IOException;
import java.io.Serializable;

/**
 * Decodes the binlog's temporal cells into the numbers the column converters take: DATE as epoch days, DATETIME and
 * TIMESTAMP as epoch microseconds, TIME as signed microseconds, zero dates as {@link ZeroDate}. The binlog library's
 * own decoding drops the sign of negative TIME values and turns zero dates into null, hence this class.
 *
 * <p>Layouts follow MySQL's {@code my_time.cc} packed formats (big-endian, offset-encoded).
 */
final class BinlogTemporalDecoding {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;
    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;

    private BinlogTemporalDecoding() {
    }

    /** DATE: 3 bytes little-endian, day in bits 0-4, month in 5-8, year above. */
    static Serializable date(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        int day = value & 31;
        int month = (value >>> 5) & 15;
        int year = value >>> 9;
        if (month == 0 || day == 0) {
            return ZeroDate.INSTANCE;
        }
        return (int) TemporalText.epochDay(year, month, day);
    }

    /** DATETIME2: 5 bytes big-endian (sign, year*13+month, day, hour, minute, second) plus fraction. */
    static Serializable dateTimeV2(int meta, ByteArrayInputStream in) throws IOException {
        long packed = bigEndian(in, 5) - DATETIMEF_INT_OFS;
        long fraction = fraction(meta, in);
        int second = (int) (packed & 63);
        int minute = (int) ((packed >> 6) & 63);
        int hour = (int) ((packed >> 12) & 31);
        int day = (int) ((packed >> 17) & 31);
        int yearMonth = (int) ((packed >> 22) & ((1 << 17) - 1));
        int year = yearMonth / 13;
        int month = yearMonth % 13;
        if (month == 0 || day == 0) {
            return ZeroDate.INSTANCE;
        }
        return TemporalText.epochDay(year, month, day) * MICROS_PER_DAY
                + ((hour * 60L + minute) * 60 + second) * MICROS_PER_SECOND + fraction;
    }

    /** TIMESTAMP2: 4 bytes big-endian seconds since the epoch plus fraction. */
    static Serializable timestampV2(int meta, ByteArrayInputStream in) throws IOException {
        long seconds = bigEndian(in, 4);
        return seconds * MICROS_PER_SECOND + fraction(meta, in);
    }

    /** TIME2: offset-encoded signed hours/minutes/seconds with a fraction whose width depends on the precision. */
    static Serializable timeV2(int meta, ByteArrayInputStream in) throws IOException {
        long packed;
        switch (meta) {
            case 1, 2 -> {
                long intPart = bigEndian(in, 3) - TIMEF_INT_OFS;
                long frac = in.readInteger(1) & 0xFF;
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000;
            }
            case 3, 4 -> {
                long intPart = bigEndian(in, 3) - TIMEF_INT_OFS;
                long frac = bigEndian(in, 2);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            case 5, 6 -> packed = bigEndian(in, 6) - TIMEF_OFS;
            default -> packed = (bigEndian(in, 3) - TIMEF_INT_OFS) << 24;
        }
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude % (1L << 24);
        long hour = (hms >> 12) & 1023;
        long minute = (hms >> 6) & 63;
        long second = hms & 63;
        long value = ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + micros;
        return negative ? -value : value;
    }

    /** Old TIME: 3 bytes little-endian signed HHMMSS. */
    static Serializable time(ByteArrayInputStream in) throws IOException {
        int raw = (in.readInteger(3) << 8) >> 8;
        boolean negative = raw < 0;
        int value = Math.abs(raw);
        long micros = ((value / 10000 * 60L + value / 100 % 100) * 60 + value % 100) * MICROS_PER_SECOND;
        return negative ? -micros : micros;
    }

    /** Old DATETIME: 8 bytes little-endian YYYYMMDDhhmmss. */
    static Serializable dateTime(ByteArrayInputStream in) throws IOException {
        long value = in.readLong(8);
        long datePart = value / 1_000_000;
        long timePart = value % 1_000_000;
        int year = (int) (datePart / 10000);
        int month = (int) (datePart / 100 % 100);
        int day = (int) (datePart % 100);
        if (month == 0 || day == 0) {
            return ZeroDate.INSTANCE;
        }
        return TemporalText.epochDay(year, month, day) * MICROS_PER_DAY
                + ((timePart / 10000 * 60 + timePart / 100 % 100) * 60 + timePart % 100) * MICROS_PER_SECOND;
    }

    /** Old TIMESTAMP: 4 bytes little-endian seconds. */
    static Serializable timestamp(ByteArrayInputStream in) throws IOException {
        return (in.readLong(4) & 0xFFFFFFFFL) * MICROS_PER_SECOND;
    }

    /** YEAR: one byte, 0 for the zero year, else the year minus 1900. */
    static Serializable year(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(1);
        return value == 0 ? 0 : 1900 + value;
    }

    /** Microseconds of the fraction stored after DATETIME2/TIMESTAMP2 values: (precision + 1) / 2 bytes. */
    private static long fraction(int precision, ByteArrayInputStream in) throws IOException {
        int bytes = (precision + 1) / 2;
        if (bytes == 0) {
            return 0;
        }
        long value = bigEndian(in, bytes);
        return switch (bytes) {
            case 1 -> value * 10_000;
            case 2 -> value * 100;
            default -> value;
        };
    }

    private static long bigEndian(ByteArrayInputStream in, int length) throws IOException {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | in.read();
        }
        return value;
    }
}
