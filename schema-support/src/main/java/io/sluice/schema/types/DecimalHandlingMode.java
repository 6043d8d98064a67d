package io.sluice.schema.types;

import java.util.Locale;

/** How DECIMAL/NUMERIC (and PostgreSQL MONEY) values are written. */
public enum DecimalHandlingMode {
    /** Connect {@code Decimal} (exact; PostgreSQL NaN and infinities become null). */
    PRECISE,
    /** FLOAT64 (may lose precision; keeps NaN and infinities). */
    DOUBLE,
    /** STRING of the plain decimal (exact; keeps "NaN", "Infinity", "-Infinity"). */
    STRING;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecimalHandlingMode parse(String value) {
        return ConfigValues.parse(DecimalHandlingMode.class, value);
    }
}
