package io.sluice.verify.compare;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: rows checked out of the catalog's estimate (which may be stale or
 * unknown; the total grows with the rows seen), and the rate.
 */
public final class Progress {

    private static final long REDRAW_NANOS = 250_000_000L;
    /** Tables checked within this time never show a bar: "large" means slow enough to wait for. */
    private static final long FIRST_DRAW_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long estimate;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    public Progress(PrintStream out, String label, long estimate, boolean enabled) {
        this.out = out;
        this.label = label;
        this.estimate = estimate;
        this.enabled = enabled;
    }

    public static Progress none() {
        return new Progress(System.err, "", 0, false);
    }

    void update(long rows) {
        long now = System.nanoTime();
        if (!enabled || now - started < FIRST_DRAW_NANOS || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        out.print("\r" + line(rows, now));
        out.flush();
    }

    void finish(long rows) {
        if (drawn) {
            out.print("\r" + line(rows, System.nanoTime()) + System.lineSeparator());
            out.flush();
        }
    }

    private String line(long rows, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        if (estimate <= 0) {
            // no statistics yet (a table never analyzed): count without a bar
            return String.format(Locale.ROOT, "%s %,d rows %,.0f rows/s", label, rows, rows / seconds);
        }
        long total = Math.max(estimate, rows);
        int filled = (int) (WIDTH * rows / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        return String.format(Locale.ROOT, "%s [%s] %,d/%,d rows %,.0f rows/s", label, bar, rows, total, rows / seconds);
    }
}
