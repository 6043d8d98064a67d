package io.sluice.jdbc.source;

import io.sluice.jdbc.source.config.JdbcSourceConfig;
import io.sluice.jdbc.source.config.TransactionIsolation;
import io.sluice.jdbc.source.dialect.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.Properties;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How to open connections to the source database: URL, credentials, retries and the session setup. */
public record ConnectionSettings(String url, String user, Password password, int attempts, long backoffMs,
        TransactionIsolation isolation, Dialect dialect, Calendar zone) {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettings.class);

    public static ConnectionSettings of(JdbcSourceConfig config, Dialect dialect) {
        return new ConnectionSettings(config.connectionUrl(), config.user(), config.password(),
                config.connectionAttempts(), config.connectionBackoffMs(), config.transactionIsolation(), dialect,
                Calendar.getInstance(config.dbTimeZone()));
    }

    /** One attempt: a connection prepared for reading (autocommit off, session zone, isolation). */
    public Connection openOnce() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && password.value() != null) {
            properties.setProperty("password", password.value());
        }
        dialect.addDriverProperties(url, properties);
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            if (isolation != TransactionIsolation.DEFAULT) {
                connection.setTransactionIsolation(isolation.jdbcLevel());
            }
            dialect.prepare(connection, (Calendar) zone.clone());
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Opens a connection, trying {@code connection.attempts} times {@code connection.backoff.ms} apart.
     *
     * @throws ConnectException when every attempt failed (the last failure is its cause)
     */
    public Connection open() {
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return openOnce();
            } catch (SQLException e) {
                last = e;
                LOG.warn("Connecting to {} failed (attempt {} of {}): {}", url, attempt, attempts, e.getMessage());
                if (attempt < attempts) {
                    sleep();
                }
            }
        }
        throw new ConnectException("Cannot connect to " + url + " after " + attempts + " attempts", last);
    }

    private void sleep() {
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting to reconnect to " + url, e);
        }
    }
}
