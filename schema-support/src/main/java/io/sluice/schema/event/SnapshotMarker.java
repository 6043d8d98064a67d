package io.sluice.schema.event;

/**
 * The value of {@code source.snapshot}: whether an event came from a snapshot and where in it.
 * The strings are the ones Debezium writes, so consumers that filter on them keep working.
 */
public enum SnapshotMarker {
    /** A snapshot read in the middle of the snapshot. */
    TRUE("true"),
    /** The first record of a snapshot. */
    FIRST("first"),
    /** The last record of a snapshot. */
    LAST("last"),
    /** A streamed change, not from a snapshot. */
    FALSE("false"),
    /** A record read by an incremental (signal-driven) snapshot. */
    INCREMENTAL("incremental");

    private final String value;

    SnapshotMarker(String value) {
        this.value = value;
    }

    /** The string written into {@code source.snapshot}. */
    public String value() {
        return value;
    }
}
