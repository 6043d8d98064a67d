package io.sluice.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The real PostgreSQL and MariaDB from bin/db; tests create and drop their own {@code verify_*} databases. */
final class TestDatabases {

    static final String USER = "sluice";
    static final String PASSWORD = "sluice";

    private TestDatabases() {
    }

    static String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    static String mariaDbUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:3306/" + database;
    }

    static void recreatePostgres(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(postgresUrl("sluice"), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database + " ENCODING 'UTF8'");
        }
    }

    static void dropPostgres(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(postgresUrl("sluice"), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static void recreateMariaDb(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(mariaDbUrl(""), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    static void dropMariaDb(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(mariaDbUrl(""), USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    static void postgres(String database, String... sql) throws SQLException {
        run(postgresUrl(database), sql);
    }

    /** Runs statements in MariaDB with the session in UTC, as verify reads it. */
    static void mariaDb(String database, String... sql) throws SQLException {
        String[] withZone = new String[sql.length + 1];
        withZone[0] = "SET time_zone = '+00:00'";
        System.arraycopy(sql, 0, withZone, 1, sql.length);
        run(mariaDbUrl(database), withZone);
    }

    private static void run(String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
