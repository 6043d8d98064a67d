package io.sluice.schema.types;

import java.util.Locale;

/** How MySQL BIGINT UNSIGNED values are written. */
public enum UnsignedBigIntHandlingMode {
    /** INT64; values above 2^63-1 wrap to negative numbers. */
    LONG,
    /** Connect {@code Decimal} with scale 0; exact. */
    PRECISE;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnsignedBigIntHandlingMode parse(String value) {
        return ConfigValues.parse(UnsignedBigIntHandlingMode.class, value);
    }
}
