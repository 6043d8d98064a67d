package io.sluice.cdc.postgres;

import java.util.Map;

/**
 * The connector's source partition and offset layout. One partition per connector ({@code server} = topic prefix).
 *
 * <p>A streamed record's offset is the LSN of its transaction's commit plus its place in the transaction
 * (change number, record number within the change), so a restart skips exactly the records Connect already
 * committed, even in the middle of a transaction. A snapshot record's offset holds the slot's consistent point
 * and the snapshot's progress (completed tables and the last key of each table's last completed chunk).
 */
public final class SourceOffsets {

    public static final String SERVER = "server";
    public static final String LSN_COMMIT = "lsn_commit";
    public static final String CHANGE = "change";
    public static final String PART = "part";
    public static final String TX_ID = "txId";
    public static final String TS_USEC = "ts_usec";
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_LSN = "snapshot_lsn";
    public static final String SNAPSHOT_PROGRESS = "snapshot_progress";
    public static final String INCREMENTAL_SNAPSHOT = "incremental_snapshot";

    private SourceOffsets() {
    }

    public static Map<String, Object> partition(String topicPrefix) {
        return Map.of(SERVER, topicPrefix);
    }

    /** The offset of a streamed record. {@code change} -1 means "everything before {@code lsnCommit}". */
    public static Map<String, Object> stream(long lsnCommit, long change, int part, long txId, long tsUsec) {
        return Map.of(LSN_COMMIT, lsnCommit, CHANGE, change, PART, part, TX_ID, txId, TS_USEC, tsUsec);
    }

    /**
     * The offset of a streamed record while an incremental snapshot runs: also where it stands (see
     * {@code IncrementalSnapshot.progress()}), so that a restart continues it; null progress for none.
     */
    public static Map<String, Object> stream(long lsnCommit, long change, int part, long txId, long tsUsec,
            String incrementalProgress) {
        if (incrementalProgress == null) {
            return stream(lsnCommit, change, part, txId, tsUsec);
        }
        return Map.of(LSN_COMMIT, lsnCommit, CHANGE, change, PART, part, TX_ID, txId, TS_USEC, tsUsec,
                INCREMENTAL_SNAPSHOT, incrementalProgress);
    }

    public static Map<String, Object> snapshot(long snapshotLsn, String progress) {
        return Map.of(SNAPSHOT, true, SNAPSHOT_LSN, snapshotLsn, SNAPSHOT_PROGRESS, progress);
    }

    /** What a stored offset says about where to resume. */
    public record Position(boolean snapshotInProgress, long snapshotLsn, String snapshotProgress, long lsnCommit,
            long change, int part, String incrementalProgress) {

        public Position(boolean snapshotInProgress, long snapshotLsn, String snapshotProgress, long lsnCommit,
                long change, int part) {
            this(snapshotInProgress, snapshotLsn, snapshotProgress, lsnCommit, change, part, null);
        }

        /** Whether the record at (commit LSN, change, part) was already committed to Kafka. */
        public boolean covers(long commitLsn, long changeIndex, int partIndex) {
            if (snapshotInProgress) {
                return false;
            }
            if (commitLsn != lsnCommit) {
                return commitLsn < lsnCommit;
            }
            return changeIndex < change || (changeIndex == change && partIndex <= part);
        }
    }

    /** Reads a stored offset; null when there is none. */
    public static Position read(Map<String, Object> offset) {
        if (offset == null || offset.isEmpty()) {
            return null;
        }
        if (Boolean.TRUE.equals(offset.get(SNAPSHOT))) {
            return new Position(true, asLong(offset.get(SNAPSHOT_LSN)), (String) offset.get(SNAPSHOT_PROGRESS), 0, 0, 0);
        }
        return new Position(false, 0, null, asLong(offset.get(LSN_COMMIT)), asLong(offset.get(CHANGE)),
                (int) asLong(offset.get(PART)), (String) offset.get(INCREMENTAL_SNAPSHOT));
    }

    private static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
