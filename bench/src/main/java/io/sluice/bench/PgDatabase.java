package io.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The bench's own PostgreSQL database: tables, loads, publications and replication slots. */
final class PgDatabase {
    private final Options options;

    PgDatabase(Options options) { this.options = options; }

    Connection connect() throws SQLException {
        // reWriteBatchedInserts turns a JDBC batch into multi-row INSERTs: the documented fast path.
        return DriverManager.getConnection(options.pgJdbcUrl() + "?reWriteBatchedInserts=true",
                options.dbUser, options.dbPassword);
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void recreateTable(String table) throws SQLException {
        // REPLICA IDENTITY stays DEFAULT (primary key), as in a typical production table.
        execute("DROP TABLE IF EXISTS " + table, Rows.postgresDdl(table));
    }

    /** Inserts ids [from, from + count) in transactions of txRows rows, as an application would. */
    void insertRows(String table, long from, long count, int txRows) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (id, qty, account, amount, score, code, note, active, created_at, day) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                int inTx = 0;
                for (long id = from; id < from + count; id++) {
                    bind(ps, id);
                    ps.addBatch();
                    if (++inTx == txRows) {
                        ps.executeBatch();
                        c.commit();
                        inTx = 0;
                    }
                }
                if (inTx > 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }

    /** The raw upsert baseline: INSERT ... ON CONFLICT DO UPDATE in JDBC batches of batchRows, one commit each. */
    void upsertRows(String table, long count, int batchRows) throws SQLException {
        String sql = "INSERT INTO " + table + " (id, qty, account, amount, score, code, note, active, created_at, day) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty, "
                + "account = EXCLUDED.account, amount = EXCLUDED.amount, score = EXCLUDED.score, code = EXCLUDED.code, "
                + "note = EXCLUDED.note, active = EXCLUDED.active, created_at = EXCLUDED.created_at, day = EXCLUDED.day";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int inBatch = 0;
                for (long id = 0; id < count; id++) {
                    bind(ps, id);
                    ps.addBatch();
                    if (++inBatch == batchRows) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }

    static void bind(PreparedStatement ps, long id) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, Rows.qty(id));
        ps.setLong(3, Rows.account(id));
        ps.setBigDecimal(4, Rows.amount(id));
        ps.setDouble(5, Rows.score(id));
        ps.setString(6, Rows.code(id));
        ps.setString(7, Rows.note(id));
        ps.setBoolean(8, Rows.active(id));
        ps.setTimestamp(9, Timestamp.from(Rows.createdAt(id)));
        ps.setObject(10, Rows.day(id));
    }

    void createPublication(String publication, String table) throws SQLException {
        execute("DROP PUBLICATION IF EXISTS " + publication, "CREATE PUBLICATION " + publication + " FOR TABLE " + table);
    }

    void createSlot(String slot) throws SQLException {
        execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    String currentLsn() throws SQLException { return queryString("SELECT pg_current_wal_lsn()::text"); }

    boolean slotActive(String slot) throws SQLException {
        return queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active") > 0;
    }

    /** Drops the slot once its consumer has gone (a deleted connector's task may take a moment to close). */
    void dropSlot(String slot) throws SQLException, InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'") == 0) return;
            if (!slotActive(slot)) {
                execute("SELECT pg_drop_replication_slot('" + slot + "')");
                return;
            }
            Thread.sleep(250);
        }
        // Still held after 30 s: end that walsender so the slot can go (only our own slot's backend).
        execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active");
        Thread.sleep(500);
        execute("SELECT pg_drop_replication_slot('" + slot + "')");
    }

    /** Removes slots and publications left by an interrupted earlier run (all named bench_*). */
    List<String> dropLeftovers() throws SQLException, InterruptedException {
        List<String> dropped = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE database = '"
                     + options.database + "' AND slot_name LIKE 'bench\\_%'")) {
            while (rs.next()) slots.add(rs.getString(1));
        }
        for (String slot : slots) { dropSlot(slot); dropped.add("slot " + slot); }
        List<String> pubs = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pubname FROM pg_publication WHERE pubname LIKE 'bench\\_%'")) {
            while (rs.next()) pubs.add(rs.getString(1));
        }
        for (String p : pubs) { execute("DROP PUBLICATION IF EXISTS " + p); dropped.add("publication " + p); }
        return dropped;
    }
}
