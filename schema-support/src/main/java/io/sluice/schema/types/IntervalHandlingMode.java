package io.sluice.schema.types;

import java.util.Locale;

/** How PostgreSQL INTERVAL values are written. */
public enum IntervalHandlingMode {
    /** INT64 microseconds ({@code io.debezium.time.MicroDuration}), months counted as 30.4375 days. */
    NUMERIC,
    /** ISO-8601 STRING ({@code io.debezium.time.Interval}), exact. */
    STRING;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntervalHandlingMode parse(String value) {
        return ConfigValues.parse(IntervalHandlingMode.class, value);
    }
}
