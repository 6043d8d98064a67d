package io.sluice.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MariaDB streaming: as for PostgreSQL, on the binlog. Raw: a BinaryLogClient (mysql-binlog-connector-java
 * 0.30.1) started at the binlog position taken before the load, decoding every event until it saw N rows.
 */
final class MyStreamBenchmark implements Benchmark {
    /** Replica server ids must be unique on the server: other engineers' tests use their own. */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(184_000 + (int) (System.currentTimeMillis() / 1000 % 1000) * 10);
    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;

    MyStreamBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.result = new Results.Benchmark("my-stream", "MariaDB streaming (events/s)",
                "Connector created on an empty table; after a warm-up event it is stopped (PUT /stop), " + o.rows
                        + " rows are inserted in transactions of " + o.txRows + " rows, and it is resumed: it drains the backlog "
                        + "from its committed offset, as the raw reader does; rate = events from the first to the last seen in the "
                        + "topic / elapsed. Raw: "
                        + "BinaryLogClient from the binlog position before the load, full row decoding, until N rows are seen.");
    }

    static int nextServerId() { return SERVER_IDS.incrementAndGet(); }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void run(String system) {
        switch (system) {
            case "raw" -> ctx.runSystem(result, system, "raw BinaryLogClient 0.30.1", null, this::raw);
            case "debezium" -> ctx.runSystem(result, system, "Debezium MariaDbConnector 3.5.0",
                    ConnectorConfigs.mySourceClass(system), (run, r) -> connector(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice cdc-mysql", ConnectorConfigs.mySourceClass(system),
                    (run, r) -> connector(system, run, r));
            default -> { }
        }
    }

    private String name(String system, int run) { return "bench_mys_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run; }

    private void raw(int run, Results.SystemRun r) throws Exception {
        String n = name("raw", run);
        ctx.my.recreateTable(n);
        try {
            MariaDatabase.BinlogPosition from = ctx.my.binlogEnd();
            ctx.my.insertRows(n, 0, o.rows, o.txRows);
            double s = new RawBaselines(o).binlogRead(from, n, o.rows, nextServerId());
            r.add("events/s", o.rows / s);
        } finally {
            ctx.my.execute("DROP TABLE IF EXISTS " + n);
        }
    }

    private void connector(String system, int run, Results.SystemRun r) throws Exception {
        String n = name(system, run);
        String topic = n + "." + o.database + "." + n;
        ctx.my.recreateTable(n);
        var config = ctx.configs.mySource(system, n, nextServerId(), n, "initial");
        result.settings.putIfAbsent(system, Report.settingsText(config));
        try {
            ctx.connect.create(n, config);
            ctx.connect.awaitRunning(n, Duration.ofSeconds(120));
            ctx.my.insertRows(n, o.rows, 1, 1);
            TopicWatcher.awaitCount(system + " warm-up event", () -> ctx.topics.count(topic), 0, 1, 120,
                    TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n));
            StreamBacklog.drain(ctx, system, n, topic, o.rows, () -> ctx.my.insertRows(n, 0, o.rows, o.txRows), r, run);
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.my.execute("DROP TABLE IF EXISTS " + n);
            ctx.topics.deleteTopics(List.of(topic, n + ".schema-history", n));
        }
    }
}
