package io.sluice.schema.types;

import java.util.Locale;

/** How binary values (bytea, BLOB, BINARY) are written. */
public enum BinaryHandlingMode {
    /** BYTES. */
    BYTES,
    /** STRING, Base64 encoded. */
    BASE64,
    /** STRING, lower-case hexadecimal. */
    HEX;

    /** The config value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BinaryHandlingMode parse(String value) {
        return ConfigValues.parse(BinaryHandlingMode.class, value);
    }
}
