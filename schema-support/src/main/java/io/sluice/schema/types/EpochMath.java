package io.sluice.schema.types;

import java.time.LocalDate;

/**
 * Calendar arithmetic on plain numbers, so that the hot path turns text and Java time values into epoch counts
 * without allocating, and formats ISO-8601 strings with one builder.
 */
final class EpochMath {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    static final long MILLIS_PER_DAY = 86_400_000L;
    /** Debezium's average month (365.25 / 12 days) in microseconds, exact. */
    static final long MICROS_PER_AVERAGE_MONTH = 2_629_800L * MICROS_PER_SECOND;

    private EpochMath() {
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date with astronomical year numbering (1 BC = year 0). */
    static long epochDay(long year, int month, int day) {
        // Shift the year to start in March so the leap day is the last day of the year.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Appends {@code yyyy-MM-dd'T'HH:mm:ss[.fraction]Z} of an instant given in microseconds since the epoch. */
    static void appendIsoInstant(StringBuilder out, long epochMicros, int fractionDigits) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        long microOfDay = epochMicros - day * MICROS_PER_DAY;
        appendIsoDate(out, day);
        out.append('T');
        appendTime(out, microOfDay, fractionDigits);
        out.append('Z');
    }

    static void appendIsoDate(StringBuilder out, long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year >= 0 && year <= 9999) {
            pad(out, year, 4);
        } else {
            // ISO-8601 expanded years, as java.time writes them.
            if (year > 9999) {
                out.append('+');
            } else {
                out.append('-');
            }
            pad(out, Math.abs(year), 4);
        }
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
    }

    /**
     * Appends {@code HH:mm:ss[.fraction]} of a time of day in microseconds.
     *
     * @param fractionDigits digits to write after the point (0-6), or -1 for as few as needed (none when zero)
     */
    static void appendTime(StringBuilder out, long microOfDay, int fractionDigits) {
        long seconds = microOfDay / MICROS_PER_SECOND;
        int micros = (int) (microOfDay % MICROS_PER_SECOND);
        pad(out, (int) (seconds / 3600), 2);
        out.append(':');
        pad(out, (int) (seconds / 60 % 60), 2);
        out.append(':');
        pad(out, (int) (seconds % 60), 2);
        appendFraction(out, micros, fractionDigits);
    }

    /** Appends {@code .ffffff} of microseconds, trimmed or padded as {@link #appendTime} describes. */
    static void appendFraction(StringBuilder out, int micros, int fractionDigits) {
        int digits = fractionDigits;
        if (digits < 0) {
            if (micros == 0) {
                return;
            }
            digits = 6;
            int rest = micros;
            while (rest % 10 == 0) {
                rest /= 10;
                digits--;
            }
        }
        if (digits == 0) {
            return;
        }
        out.append('.');
        int value = micros;
        for (int i = 6; i > digits; i--) {
            value /= 10;
        }
        pad(out, value, digits);
    }

    static void pad(StringBuilder out, int value, int width) {
        int limit = 1;
        for (int i = 1; i < width; i++) {
            limit *= 10;
        }
        while (limit > 1 && value < limit) {
            out.append('0');
            limit /= 10;
        }
        out.append(value);
    }
}
