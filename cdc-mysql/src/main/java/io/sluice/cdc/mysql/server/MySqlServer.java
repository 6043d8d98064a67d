package io.sluice.cdc.mysql.server;

import io.sluice.cdc.mysql.config.ConnectionConfig;
import io.sluice.cdc.mysql.stream.BinlogOffset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the connector asks the server over JDBC: its flavour, settings, binlog files and current position. */
public final class MySqlServer {

    private final ConnectionConfig config;

    public MySqlServer(ConnectionConfig config) {
        this.config = config;
    }

    /** A new JDBC connection in UTC, autocommit on. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.jdbcProperties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    public static boolean isMariaDb(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** A global variable's value, or null when the server does not have it. */
    public static String variable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "''")
                        + "'")) {
            return rows.next() ? rows.getString(2) : null;
        }
    }

    /** Whether transactions carry GTIDs the connector can resume from. */
    public static boolean gtidsEnabled(Connection connection, boolean mariaDb) throws SQLException {
        if (mariaDb) {
            return true;
        }
        return "ON".equalsIgnoreCase(variable(connection, "gtid_mode"));
    }

    /** The current end of the binlog and the GTIDs up to it. Run under the snapshot lock to pin a snapshot. */
    public static BinlogOffset currentPosition(Connection connection, boolean mariaDb) throws SQLException {
        String file;
        long position;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(masterStatusQuery(connection, mariaDb))) {
            if (!rows.next()) {
                throw new SQLException("The server returned no binlog position: is log_bin on?");
            }
            file = rows.getString(1);
            position = rows.getLong(2);
        }
        String gtids;
        if (mariaDb) {
            gtids = variable(connection, "gtid_binlog_pos");
        } else if (gtidsEnabled(connection, false)) {
            gtids = variable(connection, "gtid_executed");
        } else {
            gtids = null;
        }
        return BinlogOffset.at(file, position, gtids == null ? null : gtids.replace("\n", ""));
    }

    private static String masterStatusQuery(Connection connection, boolean mariaDb) throws SQLException {
        if (mariaDb) {
            return "SHOW MASTER STATUS";
        }
        // MySQL 8.4 renamed the statement.
        var metaData = connection.getMetaData();
        boolean renamed = metaData.getDatabaseMajorVersion() > 8
                || (metaData.getDatabaseMajorVersion() == 8 && metaData.getDatabaseMinorVersion() >= 4);
        return renamed ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    /** The binlog files the server still has, oldest first. */
    public static List<String> binlogFiles(Connection connection) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rows.next()) {
                files.add(rows.getString(1));
            }
        }
        return files;
    }
}
