package io.sluice.bench;

import java.util.List;

/**
 * PostgreSQL streaming: each connector starts on an empty table (its snapshot is then trivial), one warm-up
 * row proves it streams, then it is stopped while N rows arrive in transactions of tx-rows, and resumed;
 * the rate is events/s from the first to the last event of the backlog in Kafka. The raw figure is pg_recvlogical decoding the same N rows from a slot created
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
                "Connector created on an empty table; after a warm-up event it is stopped (PUT /stop), " + o.rows
                        + " rows are inserted in transactions of " + o.txRows + " rows, and it is resumed: it drains the backlog "
                        + "from its committed offset, as the raw reader does; rate = events from the first to the last seen in the "
                        + "topic (end offsets polled every " + TopicWatcher.POLL_MS + " ms) / elapsed. (Before 2026-11-24 the load ran "
                        + "while the connector streamed, so the rate was bounded by the load and shared the 2 cores with it.) Raw: slot (pgoutput) created before the load, then "
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
            StreamBacklog.drain(ctx, system, n, topic, o.rows, () -> ctx.pg.insertRows(n, 0, o.rows, o.txRows), r, run);
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.pg.dropSlot(n);
            ctx.pg.execute("DROP PUBLICATION IF EXISTS " + n, "DROP TABLE IF EXISTS " + n);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

}
