package io.sluice.schema.types;

import java.util.Locale;

/** How temporal values are written. */
public enum TimePrecisionMode {
    /** Debezium's semantic types sized to the column's precision (milli-, micro- or nanoseconds). */
    ADAPTIVE,
    /** As {@link #ADAPTIVE}, but every TIME is written in microseconds ({@code io.debezium.time.MicroTime}). */
    ADAPTIVE_TIME_MICROSECONDS,
    /** Connect's logical Date, Time and Timestamp (milliseconds; finer precision is lost). */
    CONNECT;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimePrecisionMode parse(String value) {
        return ConfigValues.parse(TimePrecisionMode.class, value);
    }
}
