package io.sluice.cdc.mysql.config;

import java.util.Locale;

/** What a zero date ({@code 0000-00-00}, {@code 0000-00-00 00:00:00}) or a date with a zero month or day becomes. */
public enum ZeroDateHandlingMode {
    /** Null in a nullable column; the epoch (1970-01-01 00:00:00) in a NOT NULL column, whose schema needs a value. */
    NULL,
    /** Always the epoch, 1970-01-01 00:00:00. */
    EPOCH;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ZeroDateHandlingMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
