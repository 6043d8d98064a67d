package io.sluice.cdc.mysql.schema;

/**
 * Parses the text MySQL writes for DATE, DATETIME, TIMESTAMP and TIME values (as JDBC's getString returns them)
 * into the numbers the binlog decoding produces: epoch days, epoch microseconds, signed microseconds. Text is the
 * one JDBC form that keeps zero dates, negative and long TIMEs, and microseconds intact.
 */
public final class TemporalText {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private TemporalText() {
    }

    /** {@code yyyy-mm-dd} → epoch day (Integer), or {@link ZeroDate} for a zero year, month or day. */
    public static Object parseDate(String text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (month == 0 || day == 0) {
            return ZeroDate.INSTANCE;
        }
        return (int) epochDay(year, month, day);
    }

    /** {@code yyyy-mm-dd hh:mm:ss[.ffffff]} → epoch microseconds of the wall clock read as UTC, or {@link ZeroDate}. */
    public static Object parseDateTime(String text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (month == 0 || day == 0) {
            return ZeroDate.INSTANCE;
        }
        long micros = text.length() > 10 ? timeMicros(text, 11) : 0;
        return epochDay(year, month, day) * MICROS_PER_DAY + micros;
    }

    /** {@code [-]h..h:mm:ss[.ffffff]} → signed microseconds. */
    public static long parseTime(String text) {
        boolean negative = text.startsWith("-");
        long micros = timeMicros(text, negative ? 1 : 0);
        return negative ? -micros : micros;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date. */
    public static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static long timeMicros(String text, int start) {
        int firstColon = text.indexOf(':', start);
        long hours = digits(text, start, firstColon);
        long minutes = digits(text, firstColon + 1, firstColon + 3);
        long seconds = digits(text, firstColon + 4, firstColon + 6);
        long fraction = 0;
        int dot = firstColon + 6;
        if (dot < text.length() && text.charAt(dot) == '.') {
            int digitsRead = 0;
            for (int i = dot + 1; i < text.length() && digitsRead < 6; i++, digitsRead++) {
                fraction = fraction * 10 + (text.charAt(i) - '0');
            }
            for (; digitsRead < 6; digitsRead++) {
                fraction *= 10;
            }
        }
        return ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + fraction;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Not a MySQL date or time: '" + text + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
