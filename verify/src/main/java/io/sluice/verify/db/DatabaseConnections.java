package io.sluice.verify.db;

import io.sluice.verify.VerifyException;
import io.sluice.verify.dialect.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The connections of one run, one per distinct endpoint, each prepared read-only. Closes them all at the end.
 */
public final class DatabaseConnections implements AutoCloseable {

    private static final int LOGIN_TIMEOUT_SECONDS = 15;

    private final Map<String, Connection> open = new LinkedHashMap<>();

    /** The connection to {@code endpoint}, opened on first use; {@code role} ("source" or "target") names it in errors. */
    public Connection get(DatabaseEndpoint endpoint, String role) throws VerifyException {
        // source and target get their own connections even on one database: each holds its own snapshot
        String slot = role + " " + endpoint.jdbcUrl() + " " + endpoint.user();
        Connection existing = open.get(slot);
        if (existing != null) {
            return existing;
        }
        Dialect dialect = dialect(endpoint, role);
        Properties properties = new Properties();
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        if (endpoint.jdbcUrl().startsWith("jdbc:postgresql:") && !endpoint.jdbcUrl().contains("ApplicationName=")) {
            // lets a DBA see who holds the snapshot in pg_stat_activity
            properties.setProperty("ApplicationName", "sluice-verify");
        }
        // only the MariaDB driver is shipped; it takes jdbc:mysql: URLs once told to
        String url = endpoint.jdbcUrl().startsWith("jdbc:mysql:")
                ? "jdbc:mariadb:" + endpoint.jdbcUrl().substring("jdbc:mysql:".length())
                : endpoint.jdbcUrl();
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException failure) {
            throw new VerifyException("cannot connect to " + role + " " + endpoint + ": " + oneLine(failure), failure);
        }
        try {
            dialect.prepareSession(connection);
        } catch (SQLException failure) {
            close(connection, failure);
            throw new VerifyException("cannot prepare the " + role + " session on " + endpoint + ": " + oneLine(failure), failure);
        }
        open.put(slot, connection);
        return connection;
    }

    public static Dialect dialect(DatabaseEndpoint endpoint, String role) throws VerifyException {
        try {
            return Dialect.forUrl(endpoint.jdbcUrl());
        } catch (IllegalArgumentException unsupported) {
            throw new VerifyException(role + ": " + unsupported.getMessage(), unsupported);
        }
    }

    public static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static void close(Connection connection, SQLException cause) {
        try {
            connection.close();
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Connection connection : open.values()) {
            try {
                connection.close();
            } catch (SQLException failure) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
