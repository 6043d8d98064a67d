package io.sluice.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL streaming: each connector starts on an empty table (its snapshot is then trivial), one warm-up
 * row proves it streams, then N rows arrive in transactions of tx-rows; the rate is events/s from the first
 * to the last event in Kafka. The raw figure is pg_recvlogical decoding the same N rows from a slot created
 * before the load.
 */
final class PgStreamBenchmark implements Benchmark {
    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;

    PgStreamBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.result = new Results.Benchmark("pg-stream", "PostgreSQL streaming (events/s)",
                "Connector created on an empty table; after a warm-up event, " + o.rows + " rows are inserted in transactions of "
                        + o.txRows + " rows; rate = events from the first to the last seen in the topic (end offsets polled every "
                        + TopicWatcher.POLL_MS + " ms) / elapsed. Raw: slot (pgoutput) created before the load, then "
                        + "`pg_recvlogical --start --endpos <LSN after load> -o proto_version=1 -o publication_names=... -f /dev/null`, "
                        + "rows / wall time of the process.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void run(String system) {
        switch (system) {
            case "raw" -> ctx.runSystem(result, system, "raw pg_recvlogical (pgoutput, proto 1)", null, this::raw);
            case "debezium" -> ctx.runSystem(result, system, "Debezium PostgresConnector 3.6.0", ConnectorConfigs.pgSourceClass(system),
                    (run, r) -> connector(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice cdc-postgres", ConnectorConfigs.pgSourceClass(system),
                    (run, r) -> connector(system, run, r));
            default -> { }
        }
    }

    private String name(String system, int run) { return "bench_pgs_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run; }

    private void raw(int run, Results.SystemRun r) throws Exception {
        String n = name("raw", run);
        ctx.pg.recreateTable(n);
        ctx.pg.createPublication(n, n);
        ctx.pg.createSlot(n);
        try {
            ctx.pg.insertRows(n, 0, o.rows, o.txRows);
            String end = ctx.pg.currentLsn();
            double s = new RawBaselines(o).pgRecvLogical(n, n, end, o.workDir.resolve("pg_recvlogical.log"));
            r.add("events/s", o.rows / s);
        } finally {
            ctx.pg.dropSlot(n);
            ctx.pg.execute("DROP PUBLICATION IF EXISTS " + n, "DROP TABLE IF EXISTS " + n);
        }
    }

    private void connector(String system, int run, Results.SystemRun r) throws Exception {
        String n = name(system, run);
        String topic = n + ".public." + n;
        ctx.pg.recreateTable(n);
        ctx.pg.createPublication(n, n);
        var config = ctx.configs.pgSource(system, n, n, n, n, "initial");
        result.settings.putIfAbsent(system, Report.settingsText(config));
        try {
            ctx.connect.create(n, config);
            ctx.connect.awaitRunning(n, java.time.Duration.ofSeconds(120));
            // One row first: once it is in Kafka the connector streams, so the timed load measures streaming only.
            ctx.pg.insertRows(n, o.rows, 1, 1);
            TopicWatcher.awaitCount(system + " warm-up event", () -> ctx.topics.count(topic), 0, 1, 120,
                    TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n));
            long base = ctx.topics.count(topic);
            long t0 = System.nanoTime();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                try {
                    ctx.pg.insertRows(n, 0, o.rows, o.txRows);
                } catch (Exception e) {
                    throw new BenchFailure("loading rows failed", e);
                }
            });
            TopicWatcher.Progress p = TopicWatcher.awaitCount(system + " streaming", () -> ctx.topics.count(topic), base,
                    base + o.rows, o.stallSeconds, TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n), ctx.hardDeadline);
            if (!p.partial()) load.join();
            r.add("events/s", p.ratePerSecond(t0, base));
            ctx.notePartial(r, run, p, base, base + o.rows);
            if (p.partial()) return;
            long extra = ctx.topics.count(topic) - base - o.rows;
            if (extra != 0) r.notes.add("run " + run + ": topic holds " + extra + " events more than rows written");
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.pg.dropSlot(n);
            ctx.pg.execute("DROP PUBLICATION IF EXISTS " + n, "DROP TABLE IF EXISTS " + n);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

}
