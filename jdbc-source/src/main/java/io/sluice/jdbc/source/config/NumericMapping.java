package io.sluice.jdbc.source.config;

import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** How NUMERIC/DECIMAL columns become Connect types (the same three choices as Confluent's JDBC source). */
public enum NumericMapping {
    /** Always Connect Decimal: exact, but awkward for consumers when the column holds small integers. */
    NONE,
    /** Scale 0 and precision up to 18: the smallest integer type that holds the precision; else Decimal. */
    PRECISION_ONLY,
    /** As precision_only, and precision up to 18 with a positive scale as FLOAT64; larger ones stay Decimal. */
    BEST_FIT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String[] names() {
        return Arrays.stream(values()).map(NumericMapping::value).toArray(String[]::new);
    }

    public static NumericMapping parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("numeric.mapping", text, "must be one of " + String.join(", ", names()));
        }
    }
}
