package io.sluice.verify.compare;

/** Keeps the rows read per second at or under a limit by pausing between chunks (0 = no limit). */
final class RateLimit {

    private final long rowsPerSecond;
    private final long started = System.nanoTime();

    RateLimit(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    void pause(long rowsSoFar) throws InterruptedException {
        if (rowsPerSecond <= 0) {
            return;
        }
        long due = started + rowsSoFar * 1_000_000_000L / rowsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }
}
