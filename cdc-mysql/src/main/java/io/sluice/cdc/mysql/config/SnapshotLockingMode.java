package io.sluice.cdc.mysql.config;

import java.util.Locale;

/** How the snapshot pins the binlog position that matches the rows it reads. */
public enum SnapshotLockingMode {
    /**
     * A global read lock held only while the binlog position is read and the readers' consistent-snapshot
     * transactions are opened (milliseconds, unless a long write holds it up).
     */
    MINIMAL,
    /**
     * No lock: the position is read just before the readers' transactions start, so writes in between may be
     * streamed again after the snapshot (duplicates, never losses). For users without the RELOAD privilege.
     */
    NONE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotLockingMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
