package io.sluice.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The connectors a test started; the test deletes them again when it ends. */
final class StartedConnectors {

    private final ConnectClient connect;
    private final List<String> names = new ArrayList<>();

    StartedConnectors(ConnectClient connect) {
        this.connect = connect;
    }

    /** Creates the connector and waits until it and its tasks run. */
    void start(String name, Map<String, String> config) {
        names.add(name);
        connect.putConnector(name, config);
        connect.awaitRunning(name, Duration.ofSeconds(60));
    }

    void deleteAll() {
        names.forEach(connect::deleteConnector);
        names.clear();
    }
}
