package io.sluice.schema.types;

import java.util.Locale;

/** What happens to a column whose type cannot be mapped. */
public enum UnsupportedTypeHandlingMode {
    /** Stop with an error naming table, column and type. */
    FAIL,
    /** Leave the column out of the events and log a warning once per table version. */
    SKIP;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnsupportedTypeHandlingMode parse(String value) {
        return ConfigValues.parse(UnsupportedTypeHandlingMode.class, value);
    }
}
