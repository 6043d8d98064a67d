package io.sluice.cdc.mysql.server;

import io.sluice.cdc.mysql.stream.BinlogOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server still has the binlog a stored position continues from, asked before streaming starts so that
 * a purged binlog is noticed before anything is read (and can be answered by a new snapshot).
 *
 * <p>By file and position: the file must still be listed by {@code SHOW BINARY LOGS}. By GTIDs on MySQL: the
 * purged GTIDs ({@code gtid_purged}) must all be in the stored set. By GTIDs on MariaDB: the GTID list at the start
 * of the oldest binlog (the last GTID of each domain written before it) must not be ahead of the stored position in
 * any domain; otherwise the transactions in between are gone.
 */
public final class BinlogRetention {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogRetention.class);

    private BinlogRetention() {
    }

    /**
     * Why the server cannot continue from {@code stored}, or null when it can.
     *
     * @param byGtids whether streaming resumes by the stored GTIDs (else by file and position)
     */
    public static String missing(Connection connection, boolean mariaDb, boolean byGtids, BinlogOffset stored)
            throws SQLException {
        if (!byGtids) {
            List<String> files = MySqlServer.binlogFiles(connection);
            return files.contains(stored.file()) ? null
                    : "the binlog file " + stored.file() + " of the stored position " + stored.file() + ":"
                            + stored.position() + " is no longer on the server (oldest: "
                            + (files.isEmpty() ? "none" : files.get(0)) + ")";
        }
        if (!mariaDb) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT GTID_SUBSET(@@GLOBAL.gtid_purged, ?), @@GLOBAL.gtid_purged")) {
                statement.setString(1, stored.gtids());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1) == 1 ? null : "the server purged GTIDs " + rows.getString(2).replace("\n", "")
                            + " that the stored GTID set " + stored.gtids() + " does not contain";
                }
            }
        }
        List<String> files;
        String oldestList;
        try {
            files = MySqlServer.binlogFiles(connection);
            if (files.isEmpty()) {
                return null;
            }
            oldestList = gtidListAtStart(connection, files.get(0));
        } catch (SQLException e) {
            // Both need BINLOG MONITOR; without it the server's own refusal to stream tells later.
            LOG.warn("Cannot read the GTID list of the oldest binlog ({}); not checking whether the stored GTID "
                    + "position was purged", e.getMessage());
            return null;
        }
        String behind = mariaDbBehind(stored.gtids(), oldestList);
        return behind == null ? null : "the stored GTID position " + stored.gtids() + " is older than the oldest binlog "
                + files.get(0) + ", which starts after " + oldestList + " (" + behind + ")";
    }

    /** The GTID list event's text at the start of a MariaDB binlog file, without brackets; "" when none. */
    private static String gtidListAtStart(Connection connection, String file) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW BINLOG EVENTS IN '" + file.replace("'", "''")
                        + "' LIMIT 4")) {
            while (rows.next()) {
                if ("Gtid_list".equalsIgnoreCase(rows.getString("Event_type"))) {
                    String info = rows.getString("Info").trim();
                    return info.startsWith("[") && info.endsWith("]") ? info.substring(1, info.length() - 1) : info;
                }
            }
        }
        return "";
    }

    /**
     * The first domain in which the stored MariaDB GTID position is behind a binlog's starting GTID list, described,
     * or null when it is behind in none.
     */
    static String mariaDbBehind(String storedPosition, String gtidList) {
        Map<Long, Long> stored = highestPerDomain(storedPosition);
        Map<Long, Long> start = highestPerDomain(gtidList);
        for (Map.Entry<Long, Long> domain : start.entrySet()) {
            Long reached = stored.get(domain.getKey());
            if (reached == null || reached < domain.getValue()) {
                return "domain " + domain.getKey() + ": read up to " + (reached == null ? "nothing" : reached)
                        + ", purged up to " + domain.getValue();
            }
        }
        return null;
    }

    /** domain → highest sequence number of {@code domain-server-seq[,...]}. */
    private static Map<Long, Long> highestPerDomain(String gtids) {
        Map<Long, Long> highest = new HashMap<>();
        if (gtids == null) {
            return highest;
        }
        for (String gtid : gtids.split(",")) {
            String[] parts = gtid.trim().split("-");
            if (parts.length == 3) {
                highest.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
            }
        }
        return highest;
    }
}
