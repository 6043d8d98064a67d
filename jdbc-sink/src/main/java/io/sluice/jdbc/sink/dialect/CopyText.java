package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.ConnectValues;
import io.sluice.jdbc.sink.record.ValueKind;
import io.sluice.schema.types.SemanticTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * One column's values in PostgreSQL's COPY text format, each in the input syntax of the type its JDBC binder
 * would send ({@link #stagingType}), so that a row loaded by COPY and then inserted equals the row a bound
 * statement writes. Values without an exact text form (dates outside years 1-9999, sub-microsecond times)
 * throw {@link NotCopyable}, and the caller writes that batch with the JDBC statement instead.
 */
public final class CopyText {

    /** A value this format cannot carry exactly; the batch goes through the JDBC statement instead. */
    public static final class NotCopyable extends RuntimeException {
        NotCopyable(String why) {
            super(why, null, false, false);
        }
    }

    @FunctionalInterface
    interface Encoder {
        /** Appends the non-null value, escaped for COPY text format. */
        void append(StringBuilder out, Object value);
    }

    private final String stagingType;
    private final Encoder encoder;

    private CopyText(String stagingType, Encoder encoder) {
        this.stagingType = stagingType;
        this.encoder = encoder;
    }

    /** The format of a column, or null when its values must be bound (schemaless records). */
    static CopyText of(Column column, ZoneId zone) {
        ValueKind kind = column.kind();
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case INT8, INT16 -> new CopyText("int2", (out, v) -> out.append(((Number) v).shortValue()));
            case INT32, YEAR -> new CopyText("int4", (out, v) -> out.append(((Number) v).intValue()));
            case INT64 -> new CopyText("int8", (out, v) -> out.append(((Number) v).longValue()));
            case FLOAT32 -> new CopyText("float4", (out, v) -> out.append(((Number) v).floatValue()));
            case FLOAT64 -> new CopyText("float8", (out, v) -> out.append(((Number) v).doubleValue()));
            case BOOLEAN -> new CopyText("bool", (out, v) -> out.append((Boolean) v ? 't' : 'f'));
            case BYTES -> new CopyText("bytea", (out, v) -> appendHex(out, ConnectValues.bytes(v)));
            case DECIMAL -> new CopyText("numeric", (out, v) -> out.append(((BigDecimal) v).toPlainString()));
            case VARIABLE_DECIMAL -> new CopyText("numeric",
                    (out, v) -> out.append(ConnectValues.variableScaleDecimal(v).toPlainString()));
            case DATE_CONNECT, DATE_DAYS -> new CopyText("date", (out, v) -> appendDate(out, ConnectValues.date(kind, v)));
            case TIME_CONNECT, TIME_MILLIS, TIME_MICROS, TIME_NANOS ->
                    new CopyText("time", (out, v) -> appendTime(out, ConnectValues.time(kind, v)));
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS -> new CopyText("timestamp",
                    (out, v) -> appendTimestamp(out, ConnectValues.localDateTime(kind, v, zone)));
            case ZONED_TIMESTAMP -> new CopyText("timestamptz",
                    (out, v) -> appendZonedTimestamp(out, ConnectValues.zonedTimestamp(v)));
            // Bound untyped, so the server reads them as the target column's type: staged in that type too.
            case STRING, JSON, UUID, XML, ENUM, ENUM_SET, INTERVAL_ISO ->
                    new CopyText(null, (out, v) -> appendEscaped(out, (String) v));
            case ZONED_TIME -> new CopyText(null, (out, v) -> appendEscaped(out, ConnectValues.zonedTime(v).toString()));
            case DURATION_MICROS -> new CopyText(null,
                    (out, v) -> out.append(((Number) v).longValue()).append(" microseconds"));
            case BITS -> {
                int length = ConnectValues.intParameter(column.schema(), SemanticTypes.BITS_LENGTH, 0);
                yield new CopyText(null, (out, v) -> out.append(ConnectValues.bitString(v, length)));
            }
        };
    }

    /** The SQL type the value is staged in, or null for the target column's own type. */
    String stagingType() {
        return stagingType;
    }

    Encoder encoder() {
        return encoder;
    }

    /**
     * Appends one row in the text format COPY and LOAD DATA share: the key's values (none when {@code key} is
     * null), then the other columns' values, tab-separated, {@code \N} for null, ending in a newline.
     *
     * @throws IllegalArgumentException when a key value is null
     */
    static void appendRow(StringBuilder rows, Object[] key, Object[] values, Encoder[] encoders) {
        int column = 0;
        if (key != null) {
            for (Object value : key) {
                if (value == null) {
                    throw new IllegalArgumentException("key column " + column + " is null");
                }
                encoders[column++].append(rows, value);
                rows.append('\t');
            }
        }
        for (Object value : values) {
            if (value == null) {
                rows.append("\\N");
            } else {
                encoders[column].append(rows, value);
            }
            column++;
            rows.append('\t');
        }
        rows.setCharAt(rows.length() - 1, '\n');
    }

    static void appendEscaped(StringBuilder out, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                out.append(text, 0, i);
                appendEscapedFrom(out, text, i);
                return;
            }
        }
        out.append(text);
    }

    private static void appendEscapedFrom(StringBuilder out, String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** bytea's hex input, {@code \x0a1b}, with the backslash escaped for COPY. */
    private static void appendHex(StringBuilder out, byte[] bytes) {
        out.append("\\\\x");
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    // Dates and times are written field by field: java.time's toString() showed in the flush thread's profile.

    private static void appendDate(StringBuilder out, LocalDate date) {
        checkYear(date.getYear());
        appendDate(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static void appendTime(StringBuilder out, LocalTime time) {
        checkMicros(time.getNano());
        appendTime(out, time.getHour(), time.getMinute(), time.getSecond(), time.getNano());
    }

    private static void appendTimestamp(StringBuilder out, LocalDateTime timestamp) {
        appendDateTime(out, timestamp, 'T');
    }

    private static void appendZonedTimestamp(StringBuilder out, OffsetDateTime timestamp) {
        appendDateTime(out, timestamp.toLocalDateTime(), 'T');
        int offset = timestamp.getOffset().getTotalSeconds();
        if (offset == 0) {
            out.append('Z');
            return;
        }
        out.append(offset < 0 ? '-' : '+');
        offset = Math.abs(offset);
        appendDigits(out, offset / 3600, 2).append(':');
        appendDigits(out, offset / 60 % 60, 2);
        if (offset % 60 != 0) {
            appendDigits(out.append(':'), offset % 60, 2);
        }
    }

    /** yyyy-mm-dd, the separator, hh:mm:ss[.ffffff]; refuses years outside 1-9999 and sub-microseconds. */
    static void appendDateTime(StringBuilder out, LocalDateTime timestamp, char separator) {
        checkYear(timestamp.getYear());
        checkMicros(timestamp.getNano());
        appendDate(out, timestamp.getYear(), timestamp.getMonthValue(), timestamp.getDayOfMonth());
        out.append(separator);
        appendTime(out, timestamp.getHour(), timestamp.getMinute(), timestamp.getSecond(), timestamp.getNano());
    }

    /** yyyy-mm-dd, for years 1-9999. */
    static void appendDate(StringBuilder out, int year, int month, int day) {
        appendDigits(out, year, 4).append('-');
        appendDigits(out, month, 2).append('-');
        appendDigits(out, day, 2);
    }

    /** hh:mm:ss, then .ffffff when there are microseconds. */
    private static void appendTime(StringBuilder out, int hour, int minute, int second, int nanos) {
        appendDigits(out, hour, 2).append(':');
        appendDigits(out, minute, 2).append(':');
        appendDigits(out, second, 2);
        if (nanos != 0) {
            appendDigits(out.append('.'), nanos / 1000, 6);
        }
    }

    /** A non-negative number with leading zeros to {@code width} digits. */
    private static StringBuilder appendDigits(StringBuilder out, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    /** ISO years outside 1-9999 are written differently (signs, BC); the driver knows how, so let it. */
    static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new NotCopyable("year " + year);
        }
    }

    /** PostgreSQL keeps microseconds; how the driver rounds finer values is the driver's business. */
    private static void checkMicros(int nanos) {
        if (nanos % 1000 != 0) {
            throw new NotCopyable("nanoseconds");
        }
    }
}
