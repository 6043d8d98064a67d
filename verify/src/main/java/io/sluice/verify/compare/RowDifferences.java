package io.sluice.verify.compare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rows found missing, extra or different in a table: all counted, and the {@code shown} lowest keys of
 * each kind kept (so memory stays small however many rows differ).
 */
public final class RowDifferences {

    /** A row present on both sides whose values differ, with the columns that differ. */
    public record DifferentRow(List<String> key, List<String> columns) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** Reading order for keys: numbers by value, anything else as text. */
    static final Comparator<List<String>> KEY_ORDER = RowDifferences::compareKeys;

    private final int shown;
    private long missing;
    private long extra;
    private long different;
    private final TreeSet<List<String>> missingKeys = new TreeSet<>(KEY_ORDER);
    private final TreeSet<List<String>> extraKeys = new TreeSet<>(KEY_ORDER);
    private final TreeMap<List<String>, List<String>> differentRows = new TreeMap<>(KEY_ORDER);

    public RowDifferences(int shown) {
        this.shown = shown;
    }

    void missing(List<String> key) {
        missing++;
        keep(missingKeys, key);
    }

    void extra(List<String> key) {
        extra++;
        keep(extraKeys, key);
    }

    void different(List<String> key, List<String> columns) {
        different++;
        differentRows.put(key, columns);
        if (differentRows.size() > shown) {
            differentRows.pollLastEntry();
        }
    }

    private void keep(TreeSet<List<String>> keys, List<String> key) {
        keys.add(key);
        if (keys.size() > shown) {
            keys.pollLast();
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
        List<DifferentRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> entry : differentRows.entrySet()) {
            rows.add(new DifferentRow(entry.getKey(), entry.getValue()));
        }
        return rows;
    }

    public boolean none() {
        return missing == 0 && extra == 0 && different == 0;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String left = a.get(i);
            String right = b.get(i);
            int order = NUMBER.matcher(left).matches() && NUMBER.matcher(right).matches()
                    ? new BigDecimal(left).compareTo(new BigDecimal(right))
                    : left.compareTo(right);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
