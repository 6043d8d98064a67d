package io.sluice.verify.report;

import io.sluice.verify.compare.RowDifferences;

import java.util.List;

/**
 * What comparing one table found.
 *
 * @param chunks          chunks checksummed on both sides
 * @param differingChunks chunks whose checksums differed and were drilled into
 * @param rowsFetched     rows fetched one by one during drill-downs (0 when every chunk was equal)
 */
public record TableResult(String source, String target, List<String> keyColumns, long sourceRows, long targetRows,
                          long chunks, long differingChunks, List<String> onlyInSource, List<String> onlyInTarget,
                          RowDifferences rows, long rowsFetched, long elapsedMillis) {

    /** Equal when no row is missing, extra or different and no source column is missing in the target. */
    public boolean equal() {
        return rows.none() && onlyInSource.isEmpty();
    }
}
