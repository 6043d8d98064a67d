package io.sluice.verify.report;

import io.sluice.verify.compare.RowDifferences;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report people read: a few lines per table, then a summary line. */
public final class TextReport {

    private TextReport() {
    }

    public static void write(List<TableResult> results, int attempts, PrintStream out) {
        for (TableResult result : results) {
            writeTable(result, out);
        }
        long different = results.stream().filter(r -> !r.equal()).count();
        String summary = different == 0
                ? "EQUAL: " + results.size() + " of " + results.size() + " tables equal"
                : "DIFFERENT: " + different + " of " + results.size() + " tables differ";
        out.println(summary + (attempts > 1 ? " (after " + attempts + " comparisons)" : ""));
    }

    private static void writeTable(TableResult result, PrintStream out) {
        out.println(result.source() + " -> " + result.target() + ": " + (result.equal() ? "equal" : "DIFFERENT"));
        out.println(String.format(Locale.ROOT, "  rows: source %,d, target %,d; %,d chunks, %,d differing; key (%s); %.1f s",
                result.sourceRows(), result.targetRows(), result.chunks(), result.differingChunks(),
                String.join(", ", result.keyColumns()), result.elapsedMillis() / 1000.0));
        RowDifferences rows = result.rows();
        keys(out, "missing in target", rows.missing(), rows.missingKeys().stream()
                .map(k -> KeyText.of(result.keyColumns(), k)).toList());
        keys(out, "extra in target", rows.extra(), rows.extraKeys().stream()
                .map(k -> KeyText.of(result.keyColumns(), k)).toList());
        keys(out, "different", rows.different(), rows.differentRows().stream()
                .map(d -> KeyText.of(result.keyColumns(), d.key()) + " [" + String.join(", ", d.columns()) + "]").toList());
        if (!result.onlyInSource().isEmpty()) {
            out.println("  columns missing in target: " + String.join(", ", result.onlyInSource()));
        }
        if (!result.onlyInTarget().isEmpty()) {
            out.println("  columns only in target (not compared): " + String.join(", ", result.onlyInTarget()));
        }
    }

    private static void keys(PrintStream out, String label, long count, List<String> shown) {
        if (count == 0) {
            return;
        }
        String more = count > shown.size() ? ", ... (" + (count - shown.size()) + " more)" : "";
        out.println(String.format(Locale.ROOT, "  %s (%,d): %s%s", label, count,
                shown.stream().collect(Collectors.joining(", ")), more));
    }
}
