package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.sluice.cdc.mysql.config.ConnectionConfig;
import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import io.sluice.cdc.mysql.metrics.StreamingMetrics;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import java.util.Map;
import java.io.IOException;
import io.sluice.cdc.mysql.server.MySqlServer;
import java.sql.SQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the binlog on its own thread from a stored position and puts the resulting records into the queue.
 * Reconnects after network failures from the exact position reached; fails the task on errors it cannot recover
 * from (purged binlog, undecodable event, a table it cannot read).
 */
public final class BinlogReader {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogReader.class);
    /** ER_MASTER_FATAL_ERROR_READING_BINLOG: the requested position or GTID is not in the server's binlogs. */
    private static final int FATAL_ERROR_READING_BINLOG = 1236;

    private final MySqlConnectorConfig config;
    private final ReopeningConnection catalogConnection;
    private final ReopeningConnection signalConnection;
    private final boolean useGtids;
    private final RecordQueue queue;
    private final StreamingMetrics metrics;
    private final BinlogEventHandler handler;
    private final TableCatalog catalog;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile BinaryLogClient client;
    private volatile Exception connectionFailure;
    private volatile Throwable fatal;

    /**
     * @param incrementalProgress the stored progress of an incremental snapshot to continue, or null
     */
    public BinlogReader(MySqlConnectorConfig config, MySqlServer server, boolean mariaDb, boolean useGtids,
            BinlogOffset start, String incrementalProgress, RecordQueue queue, ChangeRecords records,
            StreamingMetrics metrics) {
        this.config = config;
        this.catalogConnection = new ReopeningConnection(server);
        this.useGtids = useGtids;
        this.queue = queue;
        this.metrics = metrics;
        this.catalog = new TableCatalog(catalogConnection, config.capture(), config.types(), mariaDb);
        this.handler = new BinlogEventHandler(new StreamedTables(catalog), catalog, records, queue, config.capture(),
                metrics, config.streaming().heartbeatIntervalMs(), mariaDb, start);
        if (config.snapshot().signalTable() != null) {
            // Chunks and watermarks over their own connection, so the catalog's stays free of long reads.
            this.signalConnection = new ReopeningConnection(server);
            handler.incrementalSnapshot(new IncrementalSnapshot(config.snapshot().signalTable(),
                    config.snapshot().incrementalChunkSize(), signalConnection, catalog, metrics,
                    incrementalProgress));
        } else {
            this.signalConnection = null;
        }
        this.thread = new Thread(this::run, "sluice-binlog-reader-" + config.capture().topicPrefix());
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading.
     *
     * @param knownDefinitions the captured tables' structure read before the start position was taken, to tell what
     *                         later DDL statements change; null to read it now
     */
    public void start(Map<TableId, TableDefinition> knownDefinitions) throws SQLException {
        if (config.capture().includeSchemaChanges()) {
            handler.knownDefinitions(knownDefinitions != null ? knownDefinitions
                    : BinlogEventHandler.readDefinitions(catalog));
        }
        thread.start();
    }

    /** The captured tables' current structure, for {@link #start(Map)}. */
    public static Map<TableId, TableDefinition> readDefinitions(MySqlConnectorConfig config, java.sql.Connection jdbc,
            boolean mariaDb) throws SQLException {
        return BinlogEventHandler.readDefinitions(new TableCatalog(() -> jdbc, config.capture(), config.types(),
                mariaDb));
    }

    private void run() {
        long backoffMs = 500;
        while (!stopping) {
            BinlogOffset from = handler.resumeOffset();
            BinaryLogClient binlog = newClient(from);
            client = binlog;
            connectionFailure = null;
            try {
                LOG.info("Reading the binlog from {}", describe(from));
                binlog.connect();
            } catch (IOException | RuntimeException e) {
                connectionFailure = e;
            }
            metrics.connected(false);
            handler.onDisconnect();
            if (stopping) {
                break;
            }
            if (fatal != null) {
                queue.fail(fatal);
                break;
            }
            Exception failure = connectionFailure;
            if (failure instanceof ServerException server && server.getErrorCode() == FATAL_ERROR_READING_BINLOG) {
                queue.fail(new ConnectException("The server cannot send the binlog from " + describe(from)
                        + " (" + server.getMessage() + "). The binlog was probably purged: set snapshot.mode="
                        + "when_needed to take a new snapshot when the task restarts, or delete the connector's "
                        + "offsets (stop it, then DELETE /connectors/<name>/offsets) so that it starts over", server));
                break;
            }
            if (failure instanceof ServerException server && isAuthenticationFailure(server)) {
                queue.fail(new ConnectException("The server refused the binlog connection: " + server.getMessage(),
                        server));
                break;
            }
            LOG.warn("The binlog connection ended{}; reconnecting in {} ms",
                    failure == null ? "" : " (" + failure + ")", backoffMs);
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoffMs = Math.min(backoffMs * 2, 30_000);
        }
        LOG.info("Binlog reader stopped");
    }

    private static boolean isAuthenticationFailure(ServerException e) {
        return e.getErrorCode() == 1045 || e.getErrorCode() == 1227 || e.getErrorCode() == 1044;
    }

    private BinaryLogClient newClient(BinlogOffset from) {
        ConnectionConfig connection = config.connection();
        BinaryLogClient binlog = new BinaryLogClient(connection.hostname(), connection.port(), connection.user(),
                connection.password());
        binlog.setServerId(connection.serverId());
        binlog.setKeepAlive(false);
        binlog.setConnectTimeout(connection.connectTimeoutMs());
        binlog.setEventDeserializer(BinlogEventDeserializers.create());
        binlog.setSSLMode(switch (connection.sslMode()) {
            case DISABLED -> SSLMode.DISABLED;
            case PREFERRED -> SSLMode.PREFERRED;
            case REQUIRED -> SSLMode.REQUIRED;
            case VERIFY_CA -> SSLMode.VERIFY_CA;
            case VERIFY_IDENTITY -> SSLMode.VERIFY_IDENTITY;
        });
        BinlogTlsSockets tls = BinlogTlsSockets.forConfig(connection);
        if (tls != null) {
            binlog.setSslSocketFactory(tls);
        }
        int heartbeatMs = config.streaming().heartbeatIntervalMs();
        if (heartbeatMs > 0) {
            binlog.setHeartbeatInterval(heartbeatMs);
        }
        if (useGtids && from.gtids() != null) {
            binlog.setGtidSet(from.gtids());
        } else {
            binlog.setBinlogFilename(from.file());
            binlog.setBinlogPosition(from.position());
        }
        binlog.registerEventListener(event -> {
            if (stopping || fatal != null) {
                return;
            }
            try {
                handler.handle(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                disconnect(binlog);
            } catch (SQLException e) {
                // information_schema could not be read (server restarting?): reconnect and read this event again.
                connectionFailure = e;
                disconnect(binlog);
            } catch (RuntimeException e) {
                fatal = e instanceof ConnectException ? e
                        : new ConnectException("Cannot handle binlog event " + event.getHeader() + ": " + e, e);
                disconnect(binlog);
            }
        });
        binlog.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient connected) {
                metrics.connectionId(connected.getConnectionId());
                metrics.connected(true);
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient failed, Exception e) {
                connectionFailure = e;
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient failed, Exception e) {
                fatal = new ConnectException("Cannot decode a binlog event: " + e.getMessage(), e);
                disconnect(failed);
            }
        });
        return binlog;
    }

    private String describe(BinlogOffset from) {
        String where = useGtids && from.gtids() != null ? "GTID set " + from.gtids()
                : from.file() + ":" + from.position();
        return where + (from.events() > 0 || from.rows() > 0
                ? " skipping " + from.events() + " events and " + from.rows() + " rows" : "");
    }

    private static void disconnect(BinaryLogClient binlog) {
        try {
            binlog.disconnect();
        } catch (IOException e) {
            LOG.warn("Closing the binlog connection failed", e);
        }
    }

    public void stop() {
        stopping = true;
        BinaryLogClient binlog = client;
        if (binlog != null) {
            disconnect(binlog);
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalogConnection.close();
        if (signalConnection != null) {
            signalConnection.close();
        }
    }
}
