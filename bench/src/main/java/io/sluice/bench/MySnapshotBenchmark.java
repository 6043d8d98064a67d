package io.sluice.bench;

import java.util.List;

/** MariaDB snapshot: N rows exist before the connector is created; rate = N / (creation to N records in the topic). */
final class MySnapshotBenchmark implements Benchmark {
    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;
    private final String table;

    MySnapshotBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.table = "bench_mysnap_" + ctx.runTag;
        this.result = new Results.Benchmark("my-snapshot", "MariaDB snapshot (rows/s)",
                o.rows + " rows loaded before the connector exists (snapshot.mode=initial); rate = rows / time from the "
                        + "connector's creation to the last snapshot record in the topic. No raw row: the binlog rate is the streaming one.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void prepare() throws Exception {
        BenchContext.log("my-snapshot: loading " + o.rows + " rows into " + table);
        ctx.my.recreateTable(table);
        ctx.my.insertRows(table, 0, o.rows, 10_000);
    }

    @Override
    public void run(String system) {
        switch (system) {
            case "debezium" -> ctx.runSystem(result, system, "Debezium MariaDbConnector 3.5.0",
                    ConnectorConfigs.mySourceClass(system), (run, r) -> connector(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice cdc-mysql", ConnectorConfigs.mySourceClass(system),
                    (run, r) -> connector(system, run, r));
            default -> { }
        }
    }

    private void connector(String system, int run, Results.SystemRun r) throws Exception {
        String n = "bench_mysn_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run;
        String topic = n + "." + o.database + "." + table;
        var config = ctx.configs.mySource(system, n, MyStreamBenchmark.nextServerId(), table, "initial");
        result.settings.putIfAbsent(system, Report.settingsText(config));
        try {
            long t0 = System.nanoTime();
            ctx.connect.create(n, config);
            TopicWatcher.Progress p = TopicWatcher.awaitCount(system + " snapshot", () -> ctx.topics.count(topic), 0, o.rows,
                    o.stallSeconds, TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n), ctx.hardDeadline);
            r.add("rows/s", p.lastCount() / ((p.lastNanos() - t0) / 1e9));
            ctx.notePartial(r, run, p, 0, o.rows);
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.topics.deleteTopics(List.of(topic, n + ".schema-history", n));
        }
    }

    @Override
    public void cleanup() throws Exception {
        ctx.my.execute("DROP TABLE IF EXISTS " + table);
    }
}
