package io.sluice.verify.compare;

/**
 * How a comparison reads: rows per chunk, the read rate limit (0 = none), how many differing keys of each
 * kind to keep, and whether to draw a progress bar.
 */
public record ComparisonSettings(int chunkSize, long maxRowsPerSecond, int show, boolean progress) {

    /** Tables whose catalog estimate is below this are quick enough to need no progress bar. */
    public static final long PROGRESS_THRESHOLD_ROWS = 50_000;
}
