package io.sluice.cdc.mysql.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A throwaway database {@code cdc_my_<name>} on the shared MariaDB, dropped on close. */
final class TestDatabase implements AutoCloseable {

    static final String HOST = System.getProperty("sluice.mysql.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("sluice.mysql.port", 3306);
    static final String USER = System.getProperty("sluice.mysql.user", "sluice");
    static final String PASSWORD = System.getProperty("sluice.mysql.password", "sluice");

    private final String name;
    private final Connection connection;

    TestDatabase(String suffix) throws SQLException {
        this(suffix, connect());
    }

    /** A database on another server, reached over {@code connection} (closed with this object). */
    TestDatabase(String suffix, Connection connection) throws SQLException {
        this.name = "cdc_my_" + suffix;
        this.connection = connection;
        execute("DROP DATABASE IF EXISTS `" + name + "`");
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        execute("USE `" + name + "`");
    }

    static Connection connect() throws SQLException {
        return connect(HOST, PORT, USER, PASSWORD);
    }

    static Connection connect(String host, int port, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", props);
    }

    String name() {
        return name;
    }

    Connection connection() {
        return connection;
    }

    void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs the statements in one transaction. */
    void transaction(String... statements) throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute(statements);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            execute("DROP DATABASE IF EXISTS `" + name + "`");
        } finally {
            connection.close();
        }
    }
}
