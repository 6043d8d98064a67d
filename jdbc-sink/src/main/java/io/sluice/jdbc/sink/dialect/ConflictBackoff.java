package io.sluice.jdbc.sink.dialect;

/**
 * How often a bulk load skips writing new rows straight into the table after such rows met keys the table
 * already had (a redelivery, a second snapshot): the next load after the first conflict, then twice as many
 * after each further conflict in a row, up to 1024 loads; a load that went straight in resets it.
 */
final class ConflictBackoff {

    private static final int MAX_LOADS_SKIPPED = 1024;

    private int skippedAfterLastConflict;
    private int loadsToSkip;

    /** Whether this load should not try to write new rows straight into the table. */
    boolean skipThisLoad() {
        if (loadsToSkip > 0) {
            loadsToSkip--;
            return true;
        }
        return false;
    }

    /** New rows met existing keys; returns how many of the next loads will skip the attempt. */
    int conflicted() {
        skippedAfterLastConflict = Math.min(Math.max(1, skippedAfterLastConflict * 2), MAX_LOADS_SKIPPED);
        loadsToSkip = skippedAfterLastConflict;
        return loadsToSkip;
    }

    void wroteDirectly() {
        skippedAfterLastConflict = 0;
    }
}
