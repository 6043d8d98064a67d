package io.sluice.schema.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Writes a Markdown configuration reference from the {@link ConfigDef}s of plugin classes.
 * The build runs it for each plugin archive, so the reference in {@code doc/} always matches the code.
 *
 * <p>Usage: {@code ConfigReference OUTPUT.md CLASS[,CLASS...]}.
 */
public final class ConfigReference {

    private ConfigReference() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ConfigReference OUTPUT.md CLASS[,CLASS...]");
        }
        Path output = Path.of(args[0]);
        List<String> sections = new ArrayList<>();
        for (String className : args[1].split(",")) {
            String name = className.trim();
            if (!name.isEmpty() && !name.equals(ConfigReference.class.getName())) {
                sections.add(section(name, configOf(name)));
            }
        }
        Files.createDirectories(output.getParent());
        Files.writeString(output, "# Configuration reference\n\n"
                + "Generated from the plugins' `ConfigDef`s at build time.\n\n"
                + String.join("\n", sections), StandardCharsets.UTF_8);
    }

    static ConfigDef configOf(String className) {
        try {
            Object plugin = Class.forName(className).getDeclaredConstructor().newInstance();
            if (plugin instanceof Connector connector) {
                return connector.config();
            } else if (plugin instanceof Converter converter) {
                return converter.config();
            } else if (plugin instanceof Transformation<?> transformation) {
                return transformation.config();
            }
            throw new IllegalArgumentException(className + " is not a connector, converter or transform");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instantiate " + className, e);
        }
    }

    /** One Markdown section: a table of every key with its type, default, valid values and importance. */
    static String section(String className, ConfigDef config) {
        StringBuilder out = new StringBuilder();
        out.append("## `").append(className).append("`\n\n");
        out.append("| Name | Type | Default | Valid values | Importance | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(config.configKeys().values());
        keys.sort(Comparator.comparing((ConfigDef.ConfigKey k) -> k.group == null ? "" : k.group)
                .thenComparing(k -> k.hasDefault() ? 1 : 0)
                .thenComparing(k -> k.importance)
                .thenComparing(k -> k.name));
        for (ConfigDef.ConfigKey key : keys) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(defaultOf(key))).append(" | ")
                    .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                    .append(key.importance == null ? "" : key.importance.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return key.defaultValue == null ? "null" : "[hidden]";
        }
        return key.defaultValue == null ? "null" : ConfigDef.convertToString(key.defaultValue, key.type);
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
