package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.metrics.SinkMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs database work on a pooled connection. A transient error (lost connection, deadlock, serialization
 * failure, server shutting down), or any error after which the connection cannot even roll back, throws the
 * connection away and runs the whole work again after a backoff, up to {@code max.retries} times; any other
 * error stops with the database's message.
 */
final class SqlRetry {

    private static final Logger LOG = LoggerFactory.getLogger(SqlRetry.class);

    /** Work that uses one connection and commits itself. */
    interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private final DatabaseConnections connections;
    private final DatabaseDialect dialect;
    private final int maxRetries;
    private final long backoffMs;
    private final SinkMetrics metrics;

    SqlRetry(DatabaseConnections connections, DatabaseDialect dialect, int maxRetries, long backoffMs,
             SinkMetrics metrics) {
        this.connections = connections;
        this.dialect = dialect;
        this.maxRetries = maxRetries;
        this.backoffMs = backoffMs;
        this.metrics = metrics;
    }

    void run(String what, SqlWork work) {
        for (int attempt = 0; ; attempt++) {
            Connection connection = null;
            try {
                connection = connections.get();
                work.run(connection);
                return;
            } catch (SQLException e) {
                boolean connectionLost = !rolledBack(connection, e);
                if (!connectionLost && !dialect.isTransient(e)) {
                    throw new ConnectException(what + " failed: " + JdbcWriter.describe(e), e);
                }
                if (connection != null) {
                    connections.evict(connection);
                }
                if (attempt >= maxRetries) {
                    throw new ConnectException(what + " failed after " + maxRetries + " retries: "
                            + JdbcWriter.describe(e), e);
                }
                metrics.retried();
                long backoff = Math.min(backoffMs << Math.min(attempt, 20), backoffMs * 10);
                LOG.warn("{} failed on a transient error ({}); retry {} of {} in {} ms on a fresh connection",
                        what, JdbcWriter.describe(e), attempt + 1, maxRetries, backoff);
                sleep(backoff);
            } catch (RuntimeException e) {
                rolledBack(connection, e);
                throw e;
            } finally {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        LOG.debug("Closing a connection failed", e);
                    }
                }
            }
        }
    }

    /**
     * Rolls back after {@code cause}; false when that fails too, which means the connection is gone (the pool
     * closes a connection on a fatal error, after which each call only says "Connection is closed") and the
     * work may succeed on a fresh one, whatever {@code cause} says.
     */
    private static boolean rolledBack(Connection connection, Exception cause) {
        if (connection == null) {
            return true;
        }
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting to retry", e);
        }
    }
}
