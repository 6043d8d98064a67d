package io.sluice.cdc.mysql.config;

import java.util.Locale;

/** When the connector copies the tables' current rows before streaming the binlog. */
public enum SnapshotMode {
    /** Snapshot when no binlog position is stored yet (or the stored snapshot did not finish), then stream. */
    INITIAL,
    /** Snapshot as {@link #INITIAL}, then stop without streaming. */
    INITIAL_ONLY,
    /** Never copy rows: start streaming from the server's current binlog position. */
    NO_DATA,
    /** Never copy rows: start streaming from the oldest binlog the server still has. */
    NEVER,
    /** As {@link #INITIAL}, and snapshot again when the stored binlog position was purged from the server. */
    WHEN_NEEDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
