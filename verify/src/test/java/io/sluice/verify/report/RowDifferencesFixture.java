package io.sluice.verify.report;

import io.sluice.verify.compare.RowDifferences;
import io.sluice.verify.compare.RowDifferencesRecorder;

/** Differences as the drill-down would record them: 3 missing, 1 extra, 1 different. */
final class RowDifferencesFixture {

    private RowDifferencesFixture() {
    }

    static RowDifferences with(int shown) {
        RowDifferences rows = new RowDifferences(shown);
        RowDifferencesRecorder.record(rows);
        return rows;
    }
}
