package io.sluice.jdbc.sink.write;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** The task's connection pool (HikariCP), with batch rewriting switched on in the driver. */
public final class DatabaseConnections implements AutoCloseable {

    private final HikariDataSource pool;

    public DatabaseConnections(JdbcSinkConfig config, DatabaseDialect dialect, String poolName) {
        HikariConfig hikari = new HikariConfig();
        String url = Dialects.driverUrl(config.connectionUrl());
        hikari.setJdbcUrl(url);
        String driver = Dialects.driverClassFor(url);
        if (driver != null) {
            hikari.setDriverClassName(driver);
        }
        if (config.username() != null) {
            hikari.setUsername(config.username());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password().value());
        }
        Properties properties = new Properties();
        dialect.addBatchRewriting(url, properties);
        hikari.setDataSourceProperties(properties);
        hikari.setPoolName(poolName);
        hikari.setMaximumPoolSize(config.poolMaxSize());
        hikari.setMinimumIdle(Math.min(1, config.poolMaxSize()));
        hikari.setConnectionTimeout(config.connectionTimeoutMs());
        hikari.setIdleTimeout(config.poolIdleTimeoutMs());
        hikari.setMaxLifetime(config.poolMaxLifetimeMs());
        hikari.setAutoCommit(false);
        // Do not fail the task's start when the database is down for a moment: writes retry.
        hikari.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(hikari);
    }

    /** A connection with auto-commit off. */
    public Connection get() throws SQLException {
        return pool.getConnection();
    }

    /** Closes a connection that failed, so that the next attempt gets a fresh one. */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void close() {
        pool.close();
    }
}
