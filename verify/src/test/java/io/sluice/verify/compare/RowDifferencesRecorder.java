package io.sluice.verify.compare;

import java.util.List;

/** Test access to the package-private recording methods of {@link RowDifferences}. */
public final class RowDifferencesRecorder {

    private RowDifferencesRecorder() {
    }

    public static void record(RowDifferences rows) {
        rows.missing(List.of("1"));
        rows.missing(List.of("2"));
        rows.missing(List.of("3"));
        rows.extra(List.of("50"));
        rows.different(List.of("7"), List.of("total", "note"));
    }
}
