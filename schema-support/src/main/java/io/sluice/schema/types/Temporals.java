package io.sluice.schema.types;

import org.apache.kafka.connect.data.SchemaBuilder;

/** Picks the schema of temporal columns per {@link TimePrecisionMode} and writes epoch counts in it. */
final class Temporals {

    /** How a time of day or a timestamp is written. */
    enum Unit { MILLIS, MICROS, CONNECT }

    private Temporals() {
    }

    static SchemaBuilder dateSchema(TimePrecisionMode mode) {
        return mode == TimePrecisionMode.CONNECT ? org.apache.kafka.connect.data.Date.builder() : SemanticSchemas.date();
    }

    /** A date given in days since the epoch; the PostgreSQL infinities become Integer.MAX_VALUE / MIN_VALUE. */
    static Object date(long epochDay, TimePrecisionMode mode) {
        if (epochDay == PgText.POSITIVE_INFINITY || epochDay == PgText.NEGATIVE_INFINITY) {
            if (mode == TimePrecisionMode.CONNECT) {
                throw new IllegalArgumentException("infinite dates cannot be written as Connect Date");
            }
            return epochDay == PgText.POSITIVE_INFINITY ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
        if (mode == TimePrecisionMode.CONNECT) {
            return new java.util.Date(epochDay * EpochMath.MILLIS_PER_DAY);
        }
        return Math.toIntExact(epochDay);
    }

    static Unit timeUnit(int precision, TimePrecisionMode mode) {
        switch (mode) {
            case CONNECT:
                return Unit.CONNECT;
            case ADAPTIVE_TIME_MICROSECONDS:
                return Unit.MICROS;
            case ADAPTIVE:
            default:
                return precision <= 3 ? Unit.MILLIS : Unit.MICROS;
        }
    }

    static SchemaBuilder timeSchema(Unit unit) {
        switch (unit) {
            case MILLIS:
                return SemanticSchemas.time();
            case CONNECT:
                return org.apache.kafka.connect.data.Time.builder();
            case MICROS:
            default:
                return SemanticSchemas.microTime();
        }
    }

    static Object time(long micros, Unit unit) {
        switch (unit) {
            case MILLIS:
                return (int) Math.floorDiv(micros, 1000L);
            case CONNECT:
                return new java.util.Date(Math.floorDiv(micros, 1000L));
            case MICROS:
            default:
                return micros;
        }
    }

    static Unit timestampUnit(int precision, TimePrecisionMode mode) {
        if (mode == TimePrecisionMode.CONNECT) {
            return Unit.CONNECT;
        }
        return precision <= 3 ? Unit.MILLIS : Unit.MICROS;
    }

    static SchemaBuilder timestampSchema(Unit unit) {
        switch (unit) {
            case MILLIS:
                return SemanticSchemas.timestamp();
            case CONNECT:
                return org.apache.kafka.connect.data.Timestamp.builder();
            case MICROS:
            default:
                return SemanticSchemas.microTimestamp();
        }
    }

    /** A timestamp in microseconds since the epoch; infinities stay Long.MAX_VALUE / MIN_VALUE as Debezium writes. */
    static Object timestamp(long micros, Unit unit) {
        boolean infinite = micros == PgText.POSITIVE_INFINITY || micros == PgText.NEGATIVE_INFINITY;
        switch (unit) {
            case MILLIS:
                return infinite ? micros : Math.floorDiv(micros, 1000L);
            case CONNECT:
                if (infinite) {
                    throw new IllegalArgumentException("infinite timestamps cannot be written as Connect Timestamp");
                }
                return new java.util.Date(Math.floorDiv(micros, 1000L));
            case MICROS:
            default:
                return micros;
        }
    }

    /** ISO-8601 UTC text of an instant, with {@code fractionDigits} digits (-1: as few as needed). */
    static String zonedTimestamp(long epochMicros, int fractionDigits) {
        StringBuilder out = new StringBuilder(32);
        EpochMath.appendIsoInstant(out, epochMicros, fractionDigits);
        return out.toString();
    }
}
