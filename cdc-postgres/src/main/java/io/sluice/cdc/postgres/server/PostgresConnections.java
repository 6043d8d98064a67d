package io.sluice.cdc.postgres.server;

import io.sluice.cdc.postgres.config.ConnectionConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the connector's SQL and replication sessions. */
public final class PostgresConnections {

    private final ConnectionConfig config;
    private final String applicationName;

    public PostgresConnections(ConnectionConfig config, String applicationName) {
        this.config = config;
        this.applicationName = applicationName;
    }

    public ConnectionConfig config() {
        return config;
    }

    /** An ordinary SQL session (autocommit on). */
    public Connection openSql() throws SQLException {
        return utc(DriverManager.getConnection(config.url(), config.sqlProperties(applicationName)));
    }

    /** A walsender session that accepts replication commands (simple query protocol only). */
    public Connection openReplication() throws SQLException {
        return utc(DriverManager.getConnection(config.url(), config.replicationProperties(applicationName)));
    }

    /**
     * Both the snapshot and pgoutput write timestamps with time zone in the session's zone; pin it to UTC so
     * that the two paths produce identical text whatever the worker's zone.
     */
    private static Connection utc(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
