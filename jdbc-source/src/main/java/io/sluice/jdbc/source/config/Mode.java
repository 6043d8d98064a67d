package io.sluice.jdbc.source.config;

import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** How the source finds the rows it has not copied yet; one {@code query} class per mode. */
public enum Mode {
    /** Copy the whole table on every poll round; no offsets. */
    BULK("bulk"),
    /** Copy rows whose strictly increasing column is above the last one copied. */
    INCREMENTING("incrementing"),
    /** Copy rows whose timestamp is newer than the last one copied. */
    TIMESTAMP("timestamp"),
    /** Copy rows after the last (timestamp, incrementing id) pair copied. */
    TIMESTAMP_INCREMENTING("timestamp+incrementing");

    private final String value;

    Mode(String value) {
        this.value = value;
    }

    /** The config value, as in Confluent's JDBC source. */
    public String value() {
        return value;
    }

    public boolean usesIncrementingColumn() {
        return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
    }

    public boolean usesTimestampColumns() {
        return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
    }

    public static String[] names() {
        return Arrays.stream(values()).map(Mode::value).toArray(String[]::new);
    }

    public static Mode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.value.equals(wanted)) {
                return mode;
            }
        }
        throw new ConfigException("mode", text, "must be one of " + String.join(", ", names()));
    }
}
