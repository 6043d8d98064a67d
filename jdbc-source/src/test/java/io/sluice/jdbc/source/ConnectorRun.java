package io.sluice.jdbc.source;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A started {@link JdbcSourceConnector} with a context that counts reconfiguration requests. */
final class ConnectorRun implements AutoCloseable {

    final JdbcSourceConnector connector = new JdbcSourceConnector();
    final AtomicInteger reconfigurations = new AtomicInteger();
    final AtomicReference<Exception> raised = new AtomicReference<>();

    ConnectorRun(Map<String, String> config) {
        connector.initialize(new SourceConnectorContext() {
            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStore();
            }

            @Override
            public void requestTaskReconfiguration() {
                reconfigurations.incrementAndGet();
            }

            @Override
            public void raiseError(Exception e) {
                raised.set(e);
            }
        });
        connector.start(config);
    }

    List<Map<String, String>> taskConfigs(int maxTasks) {
        return connector.taskConfigs(maxTasks);
    }

    /** The config of the single task the connector starts for {@code config}. */
    static Map<String, String> singleTaskConfig(Map<String, String> config) {
        try (ConnectorRun run = new ConnectorRun(config)) {
            List<Map<String, String>> configs = run.taskConfigs(1);
            if (configs.size() != 1) {
                throw new AssertionError("Expected one task config, got " + configs);
            }
            return configs.get(0);
        }
    }

    @Override
    public void close() {
        connector.stop();
    }
}
