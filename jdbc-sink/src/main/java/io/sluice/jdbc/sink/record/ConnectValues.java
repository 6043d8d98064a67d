package io.sluice.jdbc.sink.record;

import io.sluice.schema.types.SemanticTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Turns Connect values of each {@link ValueKind} into the java.time and java.math values JDBC binds. */
public final class ConnectValues {

    private ConnectValues() {
    }

    public static LocalDate date(ValueKind kind, Object value) {
        return switch (kind) {
            case DATE_CONNECT -> LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), TimeUnit.DAYS.toMillis(1)));
            case DATE_DAYS -> LocalDate.ofEpochDay(((Number) value).longValue());
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    public static LocalTime time(ValueKind kind, Object value) {
        long nanos = timeNanos(kind, value);
        // MySQL TIME(6) can hold 24:00:00; LocalTime cannot. A day's end is written as the last microsecond.
        return nanos >= TimeUnit.DAYS.toNanos(1) ? LocalTime.MAX.withNano(999_999_000) : LocalTime.ofNanoOfDay(nanos);
    }

    /** A time kind as nanoseconds past midnight; MySQL's TIME values may be negative or exceed a day. */
    public static long timeNanos(ValueKind kind, Object value) {
        return switch (kind) {
            case TIME_CONNECT -> TimeUnit.MILLISECONDS.toNanos(((java.util.Date) value).getTime());
            case TIME_MILLIS -> TimeUnit.MILLISECONDS.toNanos(((Number) value).longValue());
            case TIME_MICROS -> TimeUnit.MICROSECONDS.toNanos(((Number) value).longValue());
            case TIME_NANOS -> ((Number) value).longValue();
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** A signed duration as MySQL's TIME text, {@code [-]HHH:MM:SS.ffffff}. */
    public static String mysqlTime(long nanos) {
        long abs = Math.abs(nanos);
        long micros = abs / 1000;
        long seconds = micros / 1_000_000;
        return String.format("%s%02d:%02d:%02d.%06d", nanos < 0 ? "-" : "", seconds / 3600, (seconds / 60) % 60,
                seconds % 60, micros % 1_000_000);
    }

    /** The instant of a timestamp kind (not zoned). */
    public static Instant instant(ValueKind kind, Object value) {
        return switch (kind) {
            case TIMESTAMP_CONNECT -> ((java.util.Date) value).toInstant();
            case TIMESTAMP_MILLIS -> Instant.ofEpochMilli(((Number) value).longValue());
            case TIMESTAMP_MICROS -> {
                long micros = ((Number) value).longValue();
                yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            }
            case TIMESTAMP_NANOS -> {
                long nanos = ((Number) value).longValue();
                yield Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
            }
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** A timestamp kind as wall-clock time in {@code zone}, for columns without a zone. */
    public static LocalDateTime localDateTime(ValueKind kind, Object value, ZoneId zone) {
        if (kind == ValueKind.ZONED_TIMESTAMP) {
            return zonedTimestamp(value).atZoneSameInstant(zone).toLocalDateTime();
        }
        return LocalDateTime.ofInstant(instant(kind, value), zone);
    }

    public static OffsetDateTime zonedTimestamp(Object value) {
        String text = (String) value;
        OffsetDateTime parsed = parseCommonTimestamp(text);
        if (parsed != null) {
            return parsed;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (RuntimeException e) {
            throw new DataException("not an ISO-8601 timestamp with offset: " + value, e);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f...]} then {@code Z} or {@code ±HH:MM}, as Debezium's and our sources write
     * ZonedTimestamp, read without {@link java.time.format.DateTimeFormatter}, which cost about a twentieth of the
     * task's time in profiles of CDC topics. Null for any other shape (years beyond four digits, seconds in the
     * offset...), which the formatter then reads.
     */
    static OffsetDateTime parseCommonTimestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && Character.isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            int total = oh * 3600 + om * 60;
            offset = null;
            try {
                offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (java.time.DateTimeException e) {
            return null; // let the formatter produce its message
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static OffsetTime zonedTime(Object value) {
        try {
            return OffsetTime.parse((String) value);
        } catch (RuntimeException e) {
            throw new DataException("not an ISO-8601 time with offset: " + value, e);
        }
    }

    /** A zoned time as local time in {@code zone}, for databases without a zoned time type. */
    public static LocalTime localTime(Object zonedTime, ZoneId zone) {
        OffsetTime time = zonedTime(zonedTime);
        ZoneOffset offset = zone.getRules().getOffset(Instant.now());
        return time.withOffsetSameInstant(offset).toLocalTime();
    }

    public static BigDecimal variableScaleDecimal(Object value) {
        Struct struct = (Struct) value;
        Integer scale = struct.getInt32("scale");
        byte[] unscaled = bytes(struct.get("value"));
        if (scale == null || unscaled == null) {
            throw new DataException("VariableScaleDecimal without scale or value: " + struct);
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    public static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] b = new byte[copy.remaining()];
            copy.get(b);
            return b;
        }
        if (value == null) {
            return null;
        }
        throw new DataException("expected bytes, got " + value.getClass().getSimpleName());
    }

    /** A bit string ("0101", most significant bit first) from Debezium's little-endian bytes. */
    public static String bitString(Object value, int length) {
        byte[] bytes = bytes(value);
        int bits = length > 0 ? length : bytes.length * 8;
        StringBuilder text = new StringBuilder(bits);
        for (int i = bits - 1; i >= 0; i--) {
            int b = i / 8 < bytes.length ? bytes[i / 8] : 0;
            text.append(((b >> (i % 8)) & 1) == 1 ? '1' : '0');
        }
        return text.toString();
    }

    /** Debezium's little-endian bit bytes as a number, for MySQL BIT(n) columns (n up to 64). */
    public static long bitsAsLong(Object value) {
        byte[] bytes = bytes(value);
        if (bytes.length > 8) {
            throw new DataException("a bit string of " + bytes.length + " bytes does not fit a BIT(64) column");
        }
        long result = 0;
        for (int i = 0; i < bytes.length; i++) {
            result |= (bytes[i] & 0xFFL) << (8 * i);
        }
        return result;
    }

    /** Whether a Connect Decimal's precision is known from its schema, and what it is; 0 when unknown. */
    public static int decimalPrecision(org.apache.kafka.connect.data.Schema schema) {
        if (schema == null || schema.parameters() == null) {
            return 0;
        }
        String precision = schema.parameters().get(SemanticTypes.DECIMAL_PRECISION);
        try {
            return precision == null ? 0 : Integer.parseInt(precision.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static int decimalScale(org.apache.kafka.connect.data.Schema schema) {
        String scale = schema.parameters() == null ? null : schema.parameters().get(org.apache.kafka.connect.data.Decimal.SCALE_FIELD);
        return scale == null ? 0 : Integer.parseInt(scale.trim());
    }

    /** An integer schema parameter, or {@code fallback}. */
    public static int intParameter(org.apache.kafka.connect.data.Schema schema, String name, int fallback) {
        if (schema == null || schema.parameters() == null || schema.parameters().get(name) == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(schema.parameters().get(name).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
