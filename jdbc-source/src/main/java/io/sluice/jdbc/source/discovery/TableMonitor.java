package io.sluice.jdbc.source.discovery;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-lists the tables every {@code table.poll.interval.ms} on its own thread and asks Connect to redistribute
 * the tasks when a table appeared or disappeared. After {@code connection.attempts} failed checks in a row it
 * reports the error to Connect, which fails the connector.
 */
public final class TableMonitor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    private final TableDiscovery discovery;
    private final ConnectorContext context;
    private final long intervalMs;
    private final int allowedFailures;
    private final AtomicReference<List<TableId>> tables = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    public TableMonitor(TableDiscovery discovery, ConnectorContext context, long intervalMs, int allowedFailures) {
        this.discovery = discovery;
        this.context = context;
        this.intervalMs = intervalMs;
        this.allowedFailures = allowedFailures;
    }

    /** Lists the tables once now, then starts the background checks. */
    public void start() {
        try {
            tables.set(discovery.findTables());
        } catch (SQLException | ConnectException e) {
            // Not fatal yet: the background checks retry and reconfigure the tasks once the database answers.
            LOG.error("Listing the tables to copy failed; retrying every {} ms", intervalMs, e);
        }
        thread = new Thread(this, "sluice-jdbc-source-table-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** The tables found by the last successful check, or null before the first one. */
    public List<TableId> tables() {
        return tables.get();
    }

    @Override
    public void run() {
        int failures = 0;
        while (!waitForNextCheck()) {
            try {
                List<TableId> found = discovery.findTables();
                failures = 0;
                List<TableId> before = tables.getAndSet(found);
                if (!found.equals(before)) {
                    LOG.info("The tables to copy changed from {} to {}; reconfiguring tasks", before, found);
                    context.requestTaskReconfiguration();
                }
            } catch (SQLException | RuntimeException e) {
                failures++;
                LOG.warn("Listing the tables to copy failed ({} in a row)", failures, e);
                if (failures >= allowedFailures) {
                    context.raiseError(e);
                    return;
                }
            }
        }
    }

    /** Waits one interval; true when stopped meanwhile. */
    private boolean waitForNextCheck() {
        try {
            return stopped.await(intervalMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    public void stop() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
