package io.sluice.cdc.postgres.server;

import io.sluice.cdc.postgres.config.CaptureConfig;
import io.sluice.cdc.postgres.config.ConnectionConfig;
import io.sluice.cdc.postgres.config.PostgresConnectorConfig;
import io.sluice.cdc.postgres.config.ReplicationConfig;
import io.sluice.cdc.postgres.config.ReplicationConfig.PublicationAutocreateMode;
import io.sluice.cdc.postgres.table.Catalog;
import io.sluice.cdc.postgres.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What {@code validate()} checks against the live server, each problem reported on the option the user has to
 * change: reachability, credentials, wal_level, the REPLICATION privilege, included tables, and the slot.
 */
public final class ServerChecks {

    private ServerChecks() {
    }

    public static void run(PostgresConnectorConfig config, Map<String, ConfigValue> values) {
        ConnectionConfig connection = config.connection();
        PostgresConnections connections = new PostgresConnections(connection, "sluice-validate");
        try (Connection sql = connections.openSql()) {
            checkServer(sql, values);
            checkRole(sql, connection, values);
            checkTables(sql, config.capture(), values);
            checkSlot(sql, config, values);
            checkPublication(sql, config.replication(), values);
        } catch (SQLException e) {
            reportConnectionFailure(e, connection, values);
        }
    }

    private static void checkServer(Connection sql, Map<String, ConfigValue> values) throws SQLException {
        String walLevel = setting(sql, "wal_level");
        if (!"logical".equals(walLevel)) {
            error(values, ConnectionConfig.HOSTNAME, "The server's wal_level is '" + walLevel + "', but logical "
                    + "decoding needs 'logical': set wal_level = logical in postgresql.conf and restart the server.");
        }
    }

    private static void checkRole(Connection sql, ConnectionConfig connection, Map<String, ConfigValue> values)
            throws SQLException {
        try (Statement st = sql.createStatement();
                ResultSet rs = st.executeQuery("SELECT rolreplication, rolsuper FROM pg_catalog.pg_roles "
                        + "WHERE rolname = current_user")) {
            if (rs.next() && !rs.getBoolean(1) && !rs.getBoolean(2)) {
                error(values, ConnectionConfig.USER, "Role " + connection.user() + " lacks the REPLICATION privilege: "
                        + "ALTER ROLE " + TableId.quote(connection.user()) + " WITH REPLICATION;");
            }
        }
    }

    private static void checkTables(Connection sql, CaptureConfig capture, Map<String, ConfigValue> values)
            throws SQLException {
        List<TableId> tables = new Catalog(sql).listTables();
        for (Pattern include : capture.tableFilter().tableIncludes()) {
            boolean found = tables.stream().anyMatch(t -> include.matcher(t.qualified()).matches());
            if (!found) {
                error(values, CaptureConfig.TABLE_INCLUDE_LIST, "No table of the database matches '" + include.pattern()
                        + "' (entries are regular expressions for schema.table).");
            }
        }
    }

    private static void checkSlot(Connection sql, PostgresConnectorConfig config, Map<String, ConfigValue> values)
            throws SQLException {
        String slotName = config.replication().slotName();
        Optional<ReplicationSlot.SlotState> slot = ReplicationSlot.find(sql, slotName);
        if (slot.isEmpty()) {
            return;
        }
        ReplicationSlot.SlotState state = slot.get();
        if (state.database() == null || !state.database().equals(config.connection().dbname())) {
            error(values, ReplicationConfig.SLOT_NAME, "Slot " + slotName + " belongs to database " + state.database()
                    + ", not " + config.connection().dbname() + ": choose another slot.name.");
        } else if (!"pgoutput".equals(state.plugin())) {
            error(values, ReplicationConfig.SLOT_NAME, "Slot " + slotName + " uses the " + state.plugin()
                    + " plugin; this connector needs pgoutput. Choose another slot.name or drop the slot.");
        } else if (state.active()) {
            error(values, ReplicationConfig.SLOT_NAME, "Slot " + slotName + " is in use by another process (pid "
                    + state.activePid() + "): a slot serves one reader at a time. Stop the other reader or choose "
                    + "another slot.name.");
        }
    }

    private static void checkPublication(Connection sql, ReplicationConfig replication, Map<String, ConfigValue> values)
            throws SQLException {
        if (replication.publicationAutocreateMode() == PublicationAutocreateMode.DISABLED
                && !Publication.exists(sql, replication.publicationName())) {
            error(values, ReplicationConfig.PUBLICATION_NAME, "Publication " + replication.publicationName()
                    + " does not exist and publication.autocreate.mode is disabled.");
        }
    }

    private static void reportConnectionFailure(SQLException e, ConnectionConfig connection,
            Map<String, ConfigValue> values) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            error(values, ConnectionConfig.PASSWORD, "Authentication failed for user " + connection.user() + ": "
                    + message);
            error(values, ConnectionConfig.USER, "Authentication failed for user " + connection.user() + ": " + message);
        } else if (state.equals("3D000")) {
            error(values, ConnectionConfig.DBNAME, "Database " + connection.dbname() + " does not exist: " + message);
        } else {
            error(values, ConnectionConfig.HOSTNAME, "Cannot connect to " + connection.hostname() + ":"
                    + connection.port() + ": " + message);
        }
    }

    private static String setting(Connection sql, String name) throws SQLException {
        try (PreparedStatement st = sql.prepareStatement("SELECT current_setting(?)")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void error(Map<String, ConfigValue> values, String name, String message) {
        ConfigValue value = values.get(name);
        if (value != null) {
            value.addErrorMessage(message);
        }
    }
}
