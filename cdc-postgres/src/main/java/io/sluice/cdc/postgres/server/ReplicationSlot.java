package io.sluice.cdc.postgres.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.replication.LogSequenceNumber;

/** Looks up, creates and drops the connector's logical replication slot. */
public final class ReplicationSlot {

    /** The state of a slot as pg_replication_slots shows it. */
    public record SlotState(String name, String plugin, String database, boolean active, Integer activePid,
            long confirmedFlushLsn, long restartLsn, String walStatus) {
    }

    /**
     * A slot just created with an exported snapshot. The snapshot stays importable only while
     * {@code replicationConnection} is open and unused, so the snapshot reader closes it when done.
     */
    public record CreatedSlot(String name, long consistentPoint, String snapshotName, Connection replicationConnection)
            implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            replicationConnection.close();
        }
    }

    private ReplicationSlot() {
    }

    public static Optional<SlotState> find(Connection sql, String slotName) throws SQLException {
        try (PreparedStatement st = sql.prepareStatement("SELECT slot_name, plugin, database, active, active_pid, "
                + "confirmed_flush_lsn::text, restart_lsn::text, wal_status FROM pg_catalog.pg_replication_slots "
                + "WHERE slot_name = ?")) {
            st.setString(1, slotName);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int pid = rs.getInt(5);
                return Optional.of(new SlotState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.wasNull() ? null : pid, lsn(rs.getString(6)), lsn(rs.getString(7)), rs.getString(8)));
            }
        }
    }

    /**
     * Creates a pgoutput slot through the replication protocol and exports a snapshot of the moment the slot
     * becomes consistent: reading the tables in that snapshot and then streaming from the slot leaves no gap and
     * no duplicate. The replication connection is handed over to the caller.
     */
    public static CreatedSlot createWithSnapshot(PostgresConnections connections, String slotName) throws SQLException {
        Connection replication = connections.openReplication();
        try (Statement st = replication.createStatement();
                ResultSet rs = st.executeQuery("CREATE_REPLICATION_SLOT " + quote(slotName)
                        + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            rs.next();
            return new CreatedSlot(rs.getString("slot_name"), lsn(rs.getString("consistent_point")),
                    rs.getString("snapshot_name"), replication);
        } catch (SQLException | RuntimeException e) {
            replication.close();
            throw e;
        }
    }

    /** Creates a pgoutput slot without a snapshot; returns its consistent point. */
    public static long createWithoutSnapshot(PostgresConnections connections, String slotName) throws SQLException {
        try (Connection replication = connections.openReplication();
                Statement st = replication.createStatement();
                ResultSet rs = st.executeQuery("CREATE_REPLICATION_SLOT " + quote(slotName)
                        + " LOGICAL pgoutput NOEXPORT_SNAPSHOT")) {
            rs.next();
            return lsn(rs.getString("consistent_point"));
        }
    }

    public static void drop(Connection sql, String slotName) throws SQLException {
        try (PreparedStatement st = sql.prepareStatement(
                "SELECT pg_catalog.pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots "
                        + "WHERE slot_name = ?")) {
            st.setString(1, slotName);
            st.execute();
        }
    }

    static String quote(String slotName) {
        return "\"" + slotName.replace("\"", "\"\"") + "\"";
    }

    static long lsn(String text) {
        return text == null ? 0 : LogSequenceNumber.valueOf(text).asLong();
    }

    public static String format(long lsn) {
        return LogSequenceNumber.valueOf(lsn).asString();
    }
}
