package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.GtidSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GTIDs of the transactions read so far, in the server's own notation: MariaDB's position list
 * ({@code domain-server-seq} per domain, comma-separated) or MySQL's GTID set ({@code uuid:1-100,...}).
 */
final class GtidPositions {

    private final boolean mariaDb;
    private final Map<Long, String> mariaDbDomains = new LinkedHashMap<>();
    private final GtidSet mysqlSet;

    private GtidPositions(boolean mariaDb, String initial) {
        this.mariaDb = mariaDb;
        if (mariaDb) {
            this.mysqlSet = null;
            if (initial != null) {
                for (String gtid : initial.split(",")) {
                    if (!gtid.isBlank()) {
                        add(gtid.trim());
                    }
                }
            }
        } else {
            this.mysqlSet = new GtidSet(initial == null ? "" : initial);
        }
    }

    static GtidPositions parse(String text, boolean mariaDb) {
        return new GtidPositions(mariaDb, text);
    }

    /** Adds a finished transaction's GTID. */
    void add(String gtid) {
        if (mariaDb) {
            int dash = gtid.indexOf('-');
            mariaDbDomains.put(Long.parseLong(gtid.substring(0, dash)), gtid);
        } else {
            mysqlSet.add(gtid);
        }
    }

    boolean isMariaDb() {
        return mariaDb;
    }

    boolean isEmpty() {
        return mariaDb ? mariaDbDomains.isEmpty() : mysqlSet.getUUIDSets().isEmpty();
    }

    @Override
    public String toString() {
        return mariaDb ? String.join(",", mariaDbDomains.values()) : mysqlSet.toString();
    }
}
