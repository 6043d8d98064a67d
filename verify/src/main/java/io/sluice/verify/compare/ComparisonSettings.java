package io.sluice.verify.compare;

/**
 * How a comparison reads: rows per chunk, the read rate limit (0 = none), how many differing keys of each
 * kind to keep, and whether to draw a progress bar.
 */
public record ComparisonSettings(int chunkSize, long maxRowsPerSecond, int show, boolean progress) {
}
