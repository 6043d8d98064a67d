package io.sluice.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The ceilings the connectors are compared with: what the database itself delivers without Kafka. */
final class RawBaselines {
    private final Options o;

    RawBaselines(Options o) { this.o = o; }

    /**
     * pg_recvlogical reading, with pgoutput proto 1, the WAL of rows already committed: from the slot's start
     * to endLsn (it exits there). Returns seconds, from process start to exit.
     */
    double pgRecvLogical(String slot, String publication, String endLsn, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("pg_recvlogical", "-h", o.pgHost, "-p", String.valueOf(o.pgPort),
                "-U", o.dbUser, "-d", o.database, "--slot", slot, "--start", "--endpos", endLsn, "--no-loop",
                "-o", "proto_version=1", "-o", "publication_names=" + publication, "-f", "/dev/null");
        pb.environment().put("PGPASSWORD", o.dbPassword);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return timed(pb, log, "pg_recvlogical", "reach " + endLsn);
    }

    /** Runs a client to its end; seconds from its start to its exit. Its stderr (or all output) goes to log. */
    private static double timed(ProcessBuilder pb, Path log, String name, String task)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchFailure(name + " did not " + task + " in 600 s");
        }
        long t1 = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new BenchFailure(name + " exited with " + p.exitValue() + ": " + Files.readString(log).strip());
        }
        return (t1 - t0) / 1e9;
    }

    /** COPY (SELECT ...) TO STDOUT read by the JDBC driver and discarded: the snapshot read ceiling. */
    double pgCopyOut(PgDatabase pg, String table) throws Exception {
        try (Connection c = pg.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            copy.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT", OutputStream.nullOutputStream());
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /**
     * SELECT * through JDBC with a streaming cursor (fetch size 10000, in a transaction), every column of every row
     * read with getObject and discarded: what any query-based reader gets from the driver before doing anything.
     */
    double jdbcSelect(Connection connection, String table) throws Exception {
        try (Connection c = connection) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long checksum = 0;
            try (java.sql.Statement st = c.createStatement()) {
                st.setFetchSize(10_000);
                try (java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            if (v != null) checksum += v.hashCode();
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.rollback();
            if (checksum == 42) BenchContext.log("(checksum " + checksum + ")");  // keeps the reads from being elided
            return seconds;
        }
    }

    /**
     * MariaDB's own client printing every row (--quick: row by row, unbuffered) to /dev/null: the database's own
     * export, as COPY TO is PostgreSQL's. Returns seconds from process start to exit.
     */
    double myClientSelect(String table, Path workDir) throws IOException, InterruptedException {
        Path log = workDir.resolve("mariadb-select.log");
        ProcessBuilder pb = new ProcessBuilder("mariadb", "--quick", "--batch", "--skip-column-names",
                "-h", o.myHost, "-P", String.valueOf(o.myPort), "-u", o.dbUser, o.database,
                "-e", "SELECT * FROM " + table);
        pb.environment().put("MYSQL_PWD", o.dbPassword);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(log.toFile());
        return timed(pb, log, "mariadb", "finish SELECT * FROM " + table);
    }

    /**
     * A BinaryLogClient reading from a binlog position, decoding every event, until it has seen `rows` rows
     * inserted into `table`. Returns seconds from connect to the last row.
     */
    double binlogRead(MariaDatabase.BinlogPosition from, String table, long rows, int serverId) throws Exception {
        BinaryLogClient client = new BinaryLogClient(o.myHost, o.myPort, o.dbUser, o.dbPassword);
        client.setServerId(serverId);
        client.setBinlogFilename(from.file());
        client.setBinlogPosition(from.position());
        client.setKeepAlive(false);
        EventDeserializer deserializer = new EventDeserializer();
        // The connectors must keep microseconds, so the raw reader decodes temporals the same way.
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        AtomicLong seen = new AtomicLong();
        AtomicLong tableId = new AtomicLong(-1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Long> doneAt = new AtomicReference<>();
        client.registerEventListener(event -> {
            EventData d = event.getData();
            if (d instanceof TableMapEventData tm) {
                if (tm.getDatabase().equals(o.database) && tm.getTable().equals(table)) tableId.set(tm.getTableId());
            } else if (d instanceof WriteRowsEventData w && w.getTableId() == tableId.get()) {
                List<?> r = w.getRows();
                if (seen.addAndGet(r.size()) >= rows && doneAt.get() == null) {
                    doneAt.set(System.nanoTime());
                    done.countDown();
                }
            }
        });
        long t0 = System.nanoTime();
        client.connect(30_000);
        try {
            long lastSeen = -1;
            while (!done.await(o.stallSeconds, TimeUnit.SECONDS)) {
                if (seen.get() == lastSeen) {
                    throw new BenchFailure("binlog reader stalled at " + seen.get() + " of " + rows + " rows");
                }
                lastSeen = seen.get();
            }
        } finally {
            client.disconnect();
        }
        return (doneAt.get() - t0) / 1e9;
    }
}
