package io.sluice.verify.compare;

import java.util.ArrayList;
import java.util.List;

/** The rows found missing, extra or different in a table: all counted, the first {@code shown} of each kind kept. */
public final class RowDifferences {

    /** A row present on both sides whose values differ, with the columns that differ. */
    public record DifferentRow(List<String> key, List<String> columns) {
    }

    private final int shown;
    private long missing;
    private long extra;
    private long different;
    private final List<List<String>> missingKeys = new ArrayList<>();
    private final List<List<String>> extraKeys = new ArrayList<>();
    private final List<DifferentRow> differentRows = new ArrayList<>();

    public RowDifferences(int shown) {
        this.shown = shown;
    }

    void missing(List<String> key) {
        missing++;
        if (missingKeys.size() < shown) {
            missingKeys.add(key);
        }
    }

    void extra(List<String> key) {
        extra++;
        if (extraKeys.size() < shown) {
            extraKeys.add(key);
        }
    }

    void different(List<String> key, List<String> columns) {
        different++;
        if (differentRows.size() < shown) {
            differentRows.add(new DifferentRow(key, columns));
        }
    }

    public long missing() {
        return missing;
    }

    public long extra() {
        return extra;
    }

    public long different() {
        return different;
    }

    public List<List<String>> missingKeys() {
        return List.copyOf(missingKeys);
    }

    public List<List<String>> extraKeys() {
        return List.copyOf(extraKeys);
    }

    public List<DifferentRow> differentRows() {
        return List.copyOf(differentRows);
    }

    public boolean none() {
        return missing == 0 && extra == 0 && different == 0;
    }
}
