package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableId;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signals as they come from the binlog (text columns as bytes), without a server: what is queued and stored. */
class IncrementalSnapshotTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableId CUSTOMERS = new TableId("shop", "customers");

    private static IncrementalSnapshot snapshot(String storedProgress) {
        MySqlConnectorConfig config = new MySqlConnectorConfig(Map.of("database.hostname", "db",
                "database.user", "cdc", "topic.prefix", "shop", "table.include.list", "shop\\.(orders|customers)",
                "signal.data.collection", "ops.signal"));
        TableCatalog catalog = new TableCatalog(() -> {
            throw new SQLException("no server in this test");
        }, config.capture(), config.types(), true);
        return new IncrementalSnapshot(config.snapshot().signalTable(), 10, () -> {
            throw new SQLException("no server in this test");
        }, catalog, io.sluice.cdc.mysql.metrics.StreamingMetrics.detached(), storedProgress);
    }

    private static Object[] signal(String id, String type, String data) {
        return new Object[] {id.getBytes(StandardCharsets.UTF_8), type.getBytes(StandardCharsets.UTF_8),
                data == null ? null : data.getBytes(StandardCharsets.UTF_8)};
    }

    private static List<TableId> queued(IncrementalSnapshot snapshot) {
        return IncrementalProgress.parse(snapshot.progress()).tables();
    }

    @Test
    void queuesTheCapturedTablesOfAnExecuteSignalAndRefusesTheOthers() {
        IncrementalSnapshot snapshot = snapshot(null);
        assertThat(snapshot.progress()).isNull();
        snapshot.onSignal(signal("s1", "execute-snapshot", "{\"data-collections\": [\"shop.orders\", "
                + "\"shop.secrets\", \"nodot\", \"shop.customers\"], \"type\": \"incremental\"}"));
        assertThat(queued(snapshot)).containsExactly(ORDERS, CUSTOMERS);
        snapshot.onSignal(signal("s2", "execute-snapshot", "{\"data-collections\": [\"shop.orders\"]}"));
        assertThat(queued(snapshot)).as("already queued").containsExactly(ORDERS, CUSTOMERS);
    }

    @Test
    void aStopSignalDropsTheListedTablesOrAll() {
        IncrementalSnapshot snapshot = snapshot(new IncrementalProgress(List.of(ORDERS, CUSTOMERS),
                List.of("42")).encode());
        snapshot.onSignal(signal("s3", "stop-snapshot", "{\"data-collections\": [\"shop.customers\"]}"));
        assertThat(IncrementalProgress.parse(snapshot.progress()))
                .isEqualTo(new IncrementalProgress(List.of(ORDERS), List.of("42")));
        snapshot.onSignal(signal("s4", "stop-snapshot", null));
        assertThat(snapshot.progress()).isNull();
    }

    @Test
    void watermarksOfOtherChunksAndUnknownTypesAreIgnored() {
        IncrementalSnapshot snapshot = snapshot(null);
        assertThat(snapshot.onSignal(signal("x-close", "snapshot-window-close", null))).isNull();
        assertThat(snapshot.onSignal(signal("y", "log", "{\"message\": \"hi\"}"))).isNull();
        assertThat(snapshot.isSignalTable(new TableId("OPS", "Signal"))).isTrue();
        assertThat(snapshot.isSignalTable(ORDERS)).isFalse();
    }
}
