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
 * The converters the bench serialises with: Connect's JsonConverter (schemas on), or Sluice's AvroConverter
 * loaded from the schema-support plugin directory the worker runs (the bench does not compile against it,
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
        try {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> s = Files.list(pluginLibDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) jars.add(p.toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), PluginConverters.class.getClassLoader());
            Class<?> cls;
            try {
                cls = Class.forName(ConnectorConfigs.AVRO_CONVERTER, true, loader);
            } catch (ClassNotFoundException e) {
                throw new BenchFailure(ConnectorConfigs.AVRO_CONVERTER + " is not in " + pluginLibDir + " (schema-support has not shipped it yet)");
            }
            Converter c = (Converter) cls.getDeclaredConstructor().newInstance();
            c.configure(Map.of("schema.registry.url", registryUrl), isKey);
            return c;
        } catch (IOException | ReflectiveOperationException e) {
            throw new BenchFailure("loading " + ConnectorConfigs.AVRO_CONVERTER + " failed", e);
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
