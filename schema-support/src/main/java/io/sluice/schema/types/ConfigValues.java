package io.sluice.schema.types;

import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Parses and validates the lower-case config values of the mode enums. */
final class ConfigValues {

    private ConfigValues() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value != null) {
            String wanted = value.trim().toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
        }
        throw new ConfigException("'" + value + "' is not one of " + String.join(", ", names(type)));
    }

    static <E extends Enum<E>> String[] names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }

    static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
        return ConfigDef.CaseInsensitiveValidString.in(names(type));
    }
}
