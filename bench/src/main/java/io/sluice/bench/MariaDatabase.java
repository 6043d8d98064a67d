package io.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;

/** The bench's own MariaDB database: tables, loads and binlog positions. */
final class MariaDatabase {
    private final Options options;

    MariaDatabase(Options options) { this.options = options; }

    Connection connect() throws SQLException {
        // rewriteBatchedStatements: the driver sends a JDBC batch as multi-row statements.
        return DriverManager.getConnection(options.myJdbcUrl() + "?rewriteBatchedStatements=true",
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

    void recreateTable(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + table, Rows.mariaDdl(table));
    }

    /** Current end of the binlog: where a reader starts to see only what comes next. */
    BinlogPosition binlogEnd() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) throw new BenchFailure("SHOW MASTER STATUS returned nothing: is the binlog on?");
            return new BinlogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    record BinlogPosition(String file, long position) {}

    void insertRows(String table, long from, long count, int txRows) throws SQLException {
        write("INSERT INTO " + table + " (id, qty, account, amount, score, code, note, active, created_at, day) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?)", from, count, txRows);
    }

    /** The raw upsert baseline: INSERT ... ON DUPLICATE KEY UPDATE in JDBC batches, one commit each. */
    void upsertRows(String table, long count, int batchRows) throws SQLException {
        write("INSERT INTO " + table + " (id, qty, account, amount, score, code, note, active, created_at, day) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE qty = VALUES(qty), account = VALUES(account), "
                + "amount = VALUES(amount), score = VALUES(score), code = VALUES(code), note = VALUES(note), "
                + "active = VALUES(active), created_at = VALUES(created_at), day = VALUES(day)", 0, count, batchRows);
    }

    private void write(String sql, long from, long count, int txRows) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    private static void bind(PreparedStatement ps, long id) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, Rows.qty(id));
        ps.setLong(3, Rows.account(id));
        ps.setBigDecimal(4, Rows.amount(id));
        ps.setDouble(5, Rows.score(id));
        ps.setString(6, Rows.code(id));
        ps.setString(7, Rows.note(id));
        ps.setBoolean(8, Rows.active(id));
        ps.setTimestamp(9, Timestamp.valueOf(Rows.createdAt(id).atOffset(ZoneOffset.UTC).toLocalDateTime()));
        ps.setObject(10, Rows.day(id));
    }
}
