package io.sluice.cdc.mysql.server;

import io.sluice.cdc.mysql.config.ConnectionConfig;
import io.sluice.cdc.mysql.config.SnapshotConfig;
import io.sluice.cdc.mysql.config.SnapshotLockingMode;
import io.sluice.cdc.mysql.config.SnapshotMode;
import io.sluice.cdc.mysql.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the server can be captured, and says what to change when not. Each problem is reported against the
 * option the user can act on (the credentials, the server id, the snapshot locking) or, for server settings, against
 * {@code database.hostname}, the server they must be changed on.
 */
public final class ServerChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ServerChecks.class);
    private static final Pattern REPLICATION_SLAVE = Pattern.compile("\\bREPLICATION (SLAVE|REPLICA)\\b(?! ADMIN)");
    private static final Pattern REPLICATION_CLIENT = Pattern.compile("\\b(REPLICATION CLIENT|BINLOG MONITOR|SUPER)\\b");
    private static final Pattern RELOAD = Pattern.compile("\\bRELOAD\\b");
    private static final Pattern ALL_ON_EVERYTHING = Pattern.compile("GRANT ALL PRIVILEGES ON \\*\\.\\*");

    private ServerChecks() {
    }

    /** Problems per config name; empty when the server is ready. */
    public static Map<String, List<String>> check(MySqlServer server, ConnectionConfig connection,
            SnapshotConfig snapshot) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        try (Connection jdbc = server.connect()) {
            checkSettings(jdbc, problems);
            checkGrants(jdbc, snapshot, problems);
            checkServerId(jdbc, connection.serverId(), problems);
            checkSignalTable(jdbc, snapshot, problems);
        } catch (SQLException e) {
            connectionProblem(e, problems);
        }
        return problems;
    }

    private static void connectionProblem(SQLException e, Map<String, List<String>> problems) {
        String message = e.getMessage();
        if (e.getErrorCode() == 1045 || "28000".equals(e.getSQLState())) {
            add(problems, ConnectionConfig.USER_CONFIG, "The server refused the credentials: " + message);
            add(problems, ConnectionConfig.PASSWORD_CONFIG, "The server refused the credentials: " + message);
        } else {
            add(problems, ConnectionConfig.HOSTNAME_CONFIG, "Cannot connect to the server: " + message);
        }
    }

    private static void checkSettings(Connection jdbc, Map<String, List<String>> problems) throws SQLException {
        String logBin = MySqlServer.variable(jdbc, "log_bin");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            add(problems, ConnectionConfig.HOSTNAME_CONFIG, "The server does not write a binlog (log_bin="
                    + logBin + "): start it with log_bin (and a server_id) in its configuration");
            return;
        }
        String format = MySqlServer.variable(jdbc, "binlog_format");
        if (format != null && !"ROW".equalsIgnoreCase(format)) {
            add(problems, ConnectionConfig.HOSTNAME_CONFIG, "binlog_format is " + format
                    + "; the connector needs ROW: set binlog_format=ROW in the server configuration "
                    + "(and SET GLOBAL binlog_format='ROW' to apply it to new sessions now)");
        }
        String image = MySqlServer.variable(jdbc, "binlog_row_image");
        if (image != null && !"FULL".equalsIgnoreCase(image)) {
            add(problems, ConnectionConfig.HOSTNAME_CONFIG, "binlog_row_image is " + image
                    + "; the connector needs FULL so that every row event carries whole rows: set "
                    + "binlog_row_image=FULL in the server configuration");
        }
        String metadata = MySqlServer.variable(jdbc, "binlog_row_metadata");
        if (!"FULL".equalsIgnoreCase(metadata)) {
            add(problems, ConnectionConfig.HOSTNAME_CONFIG, "binlog_row_metadata is "
                    + (metadata == null ? "not supported by this server" : metadata)
                    + "; the connector needs FULL (MySQL 8.0.1+, MariaDB 10.5+) so that each table map event names "
                    + "the columns, primary key, signedness and ENUM/SET values of the rows that follow: set "
                    + "binlog_row_metadata=FULL in the server configuration");
        }
    }

    private static void checkGrants(Connection jdbc, SnapshotConfig snapshot, Map<String, List<String>> problems)
            throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rows.next()) {
                grants.add(rows.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        boolean viaRoles = grants.stream().anyMatch(g -> g.startsWith("GRANT `") || g.startsWith("GRANT '"));
        if (viaRoles) {
            LOG.info("The user holds roles; the connector does not check privileges granted through roles");
            return;
        }
        String onEverything = grants.stream().filter(g -> g.contains(" ON *.* ")).reduce("", String::concat);
        if (ALL_ON_EVERYTHING.matcher(onEverything).find()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!REPLICATION_SLAVE.matcher(onEverything).find()) {
            missing.add("REPLICATION SLAVE");
        }
        if (!REPLICATION_CLIENT.matcher(onEverything).find()) {
            missing.add("REPLICATION CLIENT (MariaDB: BINLOG MONITOR)");
        }
        if (!missing.isEmpty()) {
            add(problems, ConnectionConfig.USER_CONFIG, "The user lacks " + String.join(" and ", missing)
                    + " ON *.*, needed to read the binlog: GRANT them to it");
        }
        boolean snapshots = snapshot.mode() != SnapshotMode.NO_DATA && snapshot.mode() != SnapshotMode.NEVER;
        if (snapshots && snapshot.lockingMode() == SnapshotLockingMode.MINIMAL
                && !RELOAD.matcher(onEverything).find()) {
            add(problems, SnapshotConfig.SNAPSHOT_LOCKING_MODE_CONFIG, "The user lacks RELOAD ON *.*, needed for "
                    + "the short global read lock of snapshot.locking.mode=minimal: GRANT it, or set "
                    + "snapshot.locking.mode=none (no lock; rows written while the snapshot starts may arrive twice)");
        }
    }

    private static void checkServerId(Connection jdbc, long serverId, Map<String, List<String>> problems)
            throws SQLException {
        String own = MySqlServer.variable(jdbc, "server_id");
        if (own != null && Long.parseLong(own) == serverId) {
            add(problems, ConnectionConfig.SERVER_ID_CONFIG, "database.server.id " + serverId
                    + " is the server's own server_id: choose another id");
            return;
        }
        boolean mariaDb = MySqlServer.isMariaDb(jdbc);
        String query = mariaDb ? "SHOW SLAVE HOSTS" : "SHOW REPLICAS";
        try (Statement statement = jdbc.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                if (rows.getLong("Server_id") == serverId) {
                    add(problems, ConnectionConfig.SERVER_ID_CONFIG, "database.server.id " + serverId
                            + " is used by a replica of this server (" + rows.getString("Host")
                            + "): choose another id, or the server would disconnect one of them");
                }
            }
        } catch (SQLException e) {
            // Listing replicas needs a privilege the connector itself does not: skip this part of the check.
            LOG.info("Cannot list the server's replicas to check database.server.id ({}); skipping that check",
                    e.getMessage());
        }
    }

    /** The signal table must exist with id, type and data first: the connector inserts its watermarks there. */
    private static void checkSignalTable(Connection jdbc, SnapshotConfig snapshot, Map<String, List<String>> problems)
            throws SQLException {
        TableId signal = snapshot.signalTable();
        if (signal == null) {
            return;
        }
        int columns = 0;
        try (PreparedStatement statement = jdbc.prepareStatement("SELECT COUNT(*) FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, signal.database());
            statement.setString(2, signal.table());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                columns = rows.getInt(1);
            }
        }
        if (columns == 0) {
            add(problems, SnapshotConfig.SIGNAL_DATA_COLLECTION_CONFIG, "The signal table " + signal
                    + " does not exist (or the user cannot see it): create it, e.g. CREATE TABLE " + signal.quoted()
                    + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048)), and GRANT "
                    + "INSERT on it to the connector's user");
        } else if (columns < 3) {
            add(problems, SnapshotConfig.SIGNAL_DATA_COLLECTION_CONFIG, "The signal table " + signal + " has "
                    + columns + " column(s); it needs id, type and data as its first three columns");
        }
    }

    private static void add(Map<String, List<String>> problems, String name, String message) {
        problems.computeIfAbsent(name, n -> new ArrayList<>()).add(message);
    }
}
