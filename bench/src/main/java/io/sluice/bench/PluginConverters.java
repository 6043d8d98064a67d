package io.sluice.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/**
 * The converters the bench serialises with: Connect's JsonConverter (schemas on), or Sluice's JsonConverter or
 * AvroConverter loaded from the schema-support plugin directory the worker runs (the bench does not compile against it,
 * so it builds while that class is still being written).
 */
final class PluginConverters {
    private PluginConverters() {}

    static Converter json(boolean isKey) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), isKey);
        return c;
    }

    static Converter avro(Path pluginLibDir, String registryUrl, boolean isKey) {
        return fromPlugin(ConnectorConfigs.AVRO_CONVERTER, pluginLibDir, Map.of("schema.registry.url", registryUrl), isKey);
    }

    static final String SLUICE_JSON_CONVERTER = "io.sluice.schema.json.JsonConverter";

    /** Sluice's drop-in JsonConverter, schemas on. */
    static Converter sluiceJson(Path pluginLibDir, boolean isKey) {
        return fromPlugin(SLUICE_JSON_CONVERTER, pluginLibDir, Map.of("schemas.enable", "true"), isKey);
    }

    private static Converter fromPlugin(String className, Path pluginLibDir, Map<String, String> config, boolean isKey) {
        try {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> s = Files.list(pluginLibDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) jars.add(p.toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), PluginConverters.class.getClassLoader());
            Class<?> cls;
            try {
                cls = Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                throw new BenchFailure(className + " is not in " + pluginLibDir + " (schema-support has not shipped it yet)");
            }
            Converter c = (Converter) cls.getDeclaredConstructor().newInstance();
            c.configure(config, isKey);
            return c;
        } catch (IOException | ReflectiveOperationException e) {
            throw new BenchFailure("loading " + className + " failed", e);
        }
    }

    /** The schema-support plugin's lib/ as staged for the running worker, else as built in the module. */
    static Path schemaSupportLib(Path root) {
        String stack = System.getenv("SLUICE_STACK_DIR");
        for (Path dir : new Path[] {stack == null ? null : Path.of(stack, "plugins"), root.resolve("schema-support/target/plugin")}) {
            if (dir == null || !Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                var found = s.filter(p -> p.getFileName().toString().startsWith("sluice-schema-support-")).findFirst();
                if (found.isPresent()) return found.get().resolve("lib");
            } catch (IOException e) {
                throw new BenchFailure("listing " + dir + " failed", e);
            }
        }
        throw new BenchFailure("no sluice-schema-support plugin directory found");
    }
}
