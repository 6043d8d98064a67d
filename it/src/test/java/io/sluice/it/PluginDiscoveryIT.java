package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stock worker finds all four Sluice connectors in plugin.path, with the version of the build. */
@ExtendWith(LocalStack.class)
class PluginDiscoveryIT {

    static final Map<String, String> CONNECTORS = Map.of(
            "io.sluice.cdc.postgres.PostgresSourceConnector", "source",
            "io.sluice.cdc.mysql.MySqlSourceConnector", "source",
            "io.sluice.jdbc.source.JdbcSourceConnector", "source",
            "io.sluice.jdbc.sink.JdbcSinkConnector", "sink");

    @Test
    void workerListsEverySluiceConnectorWithItsVersion(LocalStack.Stack stack) {
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode plugin : stack.connect().connectorPlugins()) {
            listed.put(plugin.path("class").asText(), plugin);
        }
        String version = System.getProperty("sluice.version", "0.1.0");
        CONNECTORS.forEach((connectorClass, type) -> {
            assertThat(listed).as("connector-plugins lists " + connectorClass).containsKey(connectorClass);
            assertThat(listed.get(connectorClass).path("type").asText()).isEqualTo(type);
            assertThat(listed.get(connectorClass).path("version").asText()).isEqualTo(version);
        });
    }

    @Test
    void debeziumPeersLoadBesideUs(LocalStack.Stack stack) {
        List<String> classes = new ArrayList<>();
        stack.connect().connectorPlugins().forEach(plugin -> classes.add(plugin.path("class").asText()));
        assertThat(classes).contains("io.debezium.connector.postgresql.PostgresConnector",
                "io.debezium.connector.jdbc.JdbcSinkConnector");
    }

    @Test
    void connectorsComeFromPluginPathNotFromTheWorkerClasspath(LocalStack.Stack stack) throws Exception {
        String commandLine = Files.readString(Path.of("/proc/" + stack.workerPid() + "/cmdline"), StandardCharsets.UTF_8)
                .replace('\0', ' ');
        assertThat(commandLine).contains("ConnectDistributed").doesNotContain("sluice-cdc").doesNotContain("sluice-jdbc")
                .doesNotContain("sluice-schema-support");
        for (String plugin : new String[] {"cdc-postgres", "cdc-mysql", "jdbc-source", "jdbc-sink"}) {
            Path lib = stack.pluginPath().resolve("sluice-" + plugin + "-0.1.0/lib");
            assertThat(lib.resolve("sluice-" + plugin + "-0.1.0.jar")).exists();
            try (var jars = Files.list(lib)) {
                assertThat(jars.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.startsWith("kafka-clients") || name.startsWith("connect-api")
                                || name.startsWith("slf4j"));
            }
        }
    }
}
