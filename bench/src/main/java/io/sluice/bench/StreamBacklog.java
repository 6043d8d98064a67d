package io.sluice.bench;

import java.time.Duration;

/**
 * Streaming throughput measured the way the raw baselines are: the change log is written while the
 * connector is stopped, then the connector resumes from its committed offsets and drains the backlog.
 * Timing a connector while the load runs would measure how fast the load is and how much CPU it takes
 * from the connector on a small machine, not the connector; the live case is the latency benchmark's.
 */
final class StreamBacklog {

    /** Writes the load; throws on failure. */
    interface Load {
        void run() throws Exception;
    }

    private StreamBacklog() {}

    /**
     * With the connector streaming (its warm-up event in {@code topic}), stops it, runs {@code load},
     * resumes it and waits until {@code rows} more events are in the topic.
     */
    static TopicWatcher.Progress drain(BenchContext ctx, String system, String connector, String topic, long rows,
                                       Load load, Results.SystemRun r, int run) throws Exception {
        ctx.connect.stop(connector);
        long base = ctx.topics.count(topic);
        long l0 = System.nanoTime();
        load.run();
        double loadSeconds = (System.nanoTime() - l0) / 1e9;
        r.notes.add(String.format("run %d: load of %d rows written in %.1f s while the connector was stopped", run, rows, loadSeconds));
        long t0 = System.nanoTime();
        ctx.connect.resume(connector);
        TopicWatcher.Progress p = TopicWatcher.awaitCount(system + " streaming", () -> ctx.topics.count(topic), base,
                base + rows, ctx.options.stallSeconds, TopicWatcher.POLL_MS,
                () -> ctx.connect.states(connector) + " " + ctx.connect.failure(connector), ctx.hardDeadline);
        r.add("events/s", p.ratePerSecond(t0, base));
        ctx.notePartial(r, run, p, base, base + rows);
        if (!p.partial()) {
            // Stray events (a warm-up event read twice after the restart) would make the count reach its target early.
            ConnectClient.sleep(Duration.ofMillis(500).toMillis());
            long extra = ctx.topics.count(topic) - base - rows;
            if (extra != 0) r.notes.add("run " + run + ": topic holds " + extra + " events more than rows written");
        }
        return p;
    }
}
