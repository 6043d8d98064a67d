package io.sluice.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The local PostgreSQL and MariaDB prepared by bin/db, reached as the `sluice` user. */
public final class Databases {

    public static final String USER = "sluice";
    public static final String PASSWORD = "sluice";
    public static final String HOST = "127.0.0.1";
    public static final int POSTGRES_PORT = 5432;
    public static final int MARIADB_PORT = 3306;

    private Databases() {
    }

    public static String postgresUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database;
    }

    public static String mariadbUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + MARIADB_PORT + "/" + database;
    }

    public static Connection postgres(String database) throws SQLException {
        return DriverManager.getConnection(postgresUrl(database), USER, PASSWORD);
    }

    public static Connection mariadb(String database) throws SQLException {
        return DriverManager.getConnection(mariadbUrl(database), USER, PASSWORD);
    }

    /** Drops (ending its replication slots first) and re-creates a PostgreSQL database. */
    public static void recreatePostgresDatabase(String database) throws SQLException {
        try (Connection admin = postgres("sluice"); Statement sql = admin.createStatement()) {
            sql.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                    + database.replace("'", "''") + "' AND NOT active");
            sql.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            sql.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    public static void recreateMariadbDatabase(String database) throws SQLException {
        try (Connection admin = mariadb("sluice"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
            sql.execute("CREATE DATABASE `" + database + "`");
        }
    }

    public static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    public static long count(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every row of a query as a list of column values, for comparisons between databases. */
    public static List<List<Object>> rows(Connection connection, String query) throws SQLException {
        List<List<Object>> result = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
        }
        return result;
    }
}
