package io.sluice.cdc.postgres;

import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.metrics.CaptureMetrics;
import io.sluice.cdc.postgres.metrics.ConnectorMetricsBean;
import io.sluice.cdc.postgres.server.PostgresConnections;
import io.sluice.cdc.postgres.server.ReplicationSlot;
import io.sluice.cdc.postgres.table.ColumnConverters;
import io.sluice.cdc.postgres.table.TableSchemaBuilder;
import io.sluice.schema.SluiceVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's only task: it prepares publication and slot, then runs the capture (snapshot, then stream) on a
 * background thread that fills the {@link EventQueue}; {@code poll()} drains it, and each acknowledged record
 * lets the slot confirm more WAL.
 */
public class PostgresSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceTask.class);

    private PostgresConnectorConfig config;
    private EventQueue queue;
    private CaptureMetrics metrics;
    private Capture capture;
    private Thread captureThread;
    private ConnectorMetricsBean metricsBean;
    private TransactionContext transactionContext;

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PostgresConnectorConfig(props);
        String prefix = config.capture().topicPrefix();
        PostgresConnections connections = new PostgresConnections(config.connection(), "sluice-" + prefix);
        queue = new EventQueue(config.queue().maxQueueSize(), config.queue().maxBatchSize());
        metrics = new CaptureMetrics();
        ChangeRecords records = new ChangeRecords(prefix, config.connection().dbname(),
                config.heartbeat().topic(prefix));
        TableSchemaBuilder schemaBuilder = new TableSchemaBuilder(config.capture(), new ColumnConverters(config.typeOptions()));
        Map<String, Object> stored = context.offsetStorageReader().offset(SourceOffsets.partition(prefix));
        SourceOffsets.Position position = SourceOffsets.read(stored);
        transactionContext = context.transactionContext();
        capture = new Capture(config, connections, queue, records, schemaBuilder, metrics, position);
        try {
            capture.prepare();
        } catch (SQLException e) {
            throw new ConnectException("Cannot prepare the capture from " + config.connection().hostname() + ": "
                    + e.getMessage(), e);
        }
        metricsBean = ConnectorMetricsBean.register(prefix, metrics, queue);
        captureThread = new Thread(capture, "sluice-pg-capture-" + prefix);
        captureThread.setDaemon(true);
        captureThread.start();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> batch = queue.poll(config.queue().pollIntervalMs());
        if (batch != null && transactionContext != null) {
            boolean snapshotRecords = false;
            for (SourceRecord record : batch) {
                if (record instanceof TrackedRecord tracked) {
                    if (tracked.endsTransaction()) {
                        transactionContext.commitTransaction(record);
                    }
                } else {
                    snapshotRecords = true;
                }
            }
            if (snapshotRecords) {
                transactionContext.commitTransaction();
            }
        }
        return batch;
    }

    /** Kafka has the record (or a transform dropped it): the slot may confirm up to it. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof TrackedRecord tracked) {
            FlushTracker tracker = capture.flushTracker();
            if (tracker != null) {
                tracker.acknowledged(tracked.sequence());
            }
        }
    }

    @Override
    public void stop() {
        if (capture != null) {
            capture.stop();
        }
        if (captureThread != null) {
            captureThread.interrupt();
            try {
                captureThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (metricsBean != null) {
            metricsBean.unregister();
        }
        if (config != null && config.replication().dropSlotOnStop()) {
            dropSlot();
        }
    }

    private void dropSlot() {
        String slot = config.replication().slotName();
        PostgresConnections connections = new PostgresConnections(config.connection(), "sluice-stop");
        for (int attempt = 1; attempt <= 20; attempt++) {
            try (Connection sql = connections.openSql()) {
                if (ReplicationSlot.find(sql, slot).map(ReplicationSlot.SlotState::active).orElse(false)) {
                    Thread.sleep(250);
                    continue;
                }
                ReplicationSlot.drop(sql, slot);
                LOG.info("Dropped slot {} (slot.drop.on.stop=true)", slot);
                return;
            } catch (SQLException e) {
                LOG.warn("Could not drop slot {}: {}", slot, e.getMessage(), e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("Slot {} stayed active; not dropped", slot);
    }
}
