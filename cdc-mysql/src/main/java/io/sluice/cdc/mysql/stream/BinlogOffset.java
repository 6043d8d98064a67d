package io.sluice.cdc.mysql.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the connector stands, as stored in Kafka Connect's offsets.
 *
 * <p>{@code file}/{@code position} point at the start of the transaction being read (or just past the last
 * finished one); {@code gtids} is the GTID set of the transactions finished before it; {@code events} and
 * {@code rows} say how far into that transaction the connector got: the number of its rows events fully written,
 * then the number of rows of the next rows event written. Resuming reads the transaction again from its start and
 * skips exactly that much, so a restart in the middle of a large event neither loses nor repeats a row.
 *
 * <p>While the snapshot runs, {@code snapshot} is true and {@code snapshotProgress} holds the finished chunks;
 * {@code file}/{@code position}/{@code gtids} are then the position the snapshot matches, where streaming starts.
 */
public record BinlogOffset(String file, long position, String gtids, long events, long rows, boolean snapshot,
        String snapshotProgress) {

    public static final String FILE = "file";
    public static final String POS = "pos";
    public static final String GTIDS = "gtids";
    public static final String EVENT = "event";
    public static final String ROW = "row";
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_PROGRESS = "snapshot_progress";
    /**
     * The progress of a running incremental snapshot (see {@code IncrementalProgress}), added to every record's
     * offset while one runs; not part of this record, read with {@link #incrementalSnapshot(Map)}.
     */
    public static final String INCREMENTAL_SNAPSHOT = "incremental_snapshot";

    /** The source partition key: one partition per connector, named by its topic prefix. */
    public static final String SERVER = "server";

    /** A position between transactions. */
    public static BinlogOffset at(String file, long position, String gtids) {
        return new BinlogOffset(file, position, emptyToNull(gtids), 0, 0, false, null);
    }

    /** The same transaction start, having written {@code events} rows events and then {@code rows} rows. */
    public BinlogOffset within(long events, long rows) {
        return new BinlogOffset(file, position, gtids, events, rows, snapshot, snapshotProgress);
    }

    public BinlogOffset withSnapshot(boolean running, String progress) {
        return new BinlogOffset(file, position, gtids, events, rows, running, progress);
    }

    public static Map<String, String> partition(String topicPrefix) {
        return Map.of(SERVER, topicPrefix);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(8);
        map.put(FILE, file);
        map.put(POS, position);
        if (gtids != null) {
            map.put(GTIDS, gtids);
        }
        if (events != 0) {
            map.put(EVENT, events);
        }
        if (rows != 0) {
            map.put(ROW, rows);
        }
        if (snapshot) {
            map.put(SNAPSHOT, true);
            if (snapshotProgress != null) {
                map.put(SNAPSHOT_PROGRESS, snapshotProgress);
            }
        }
        return map;
    }

    /** Reads a stored offset; null when there is none. */
    public static BinlogOffset fromMap(Map<String, ?> map) {
        if (map == null || map.get(FILE) == null) {
            return null;
        }
        return new BinlogOffset((String) map.get(FILE), number(map.get(POS)), emptyToNull((String) map.get(GTIDS)),
                number(map.get(EVENT)), number(map.get(ROW)), Boolean.TRUE.equals(map.get(SNAPSHOT)),
                (String) map.get(SNAPSHOT_PROGRESS));
    }

    /** The stored progress of an incremental snapshot, or null. */
    public static String incrementalSnapshot(Map<String, ?> map) {
        return map == null ? null : (String) map.get(INCREMENTAL_SNAPSHOT);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
