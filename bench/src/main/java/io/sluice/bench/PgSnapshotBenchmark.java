package io.sluice.bench;

import java.util.List;

/**
 * PostgreSQL snapshot: N rows exist before the connector is created; rate = N / (time from the create
 * request to N records in the topic). Raw: COPY (SELECT * ...) TO STDOUT through JDBC, discarded.
 */
final class PgSnapshotBenchmark implements Benchmark {
    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;
    private final String table;

    PgSnapshotBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.table = "bench_pgsnap_" + ctx.runTag;
        this.result = new Results.Benchmark("pg-snapshot", "PostgreSQL snapshot (rows/s)",
                o.rows + " rows loaded before the connector exists (snapshot.mode=initial); rate = rows / time from the "
                        + "connector's creation to the last snapshot record in the topic. Raw: `COPY (SELECT * FROM t) TO STDOUT` "
                        + "read through PgJDBC's CopyManager and discarded.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void prepare() throws Exception {
        BenchContext.log("pg-snapshot: loading " + o.rows + " rows into " + table);
        ctx.pg.recreateTable(table);
        ctx.pg.insertRows(table, 0, o.rows, 10_000);
        ctx.pg.execute("VACUUM ANALYZE " + table);
    }

    @Override
    public void run(String system) {
        switch (system) {
            case "raw" -> ctx.runSystem(result, system, "raw COPY TO STDOUT (PgJDBC)", null,
                    (run, r) -> r.add("rows/s", o.rows / new RawBaselines(o).pgCopyOut(ctx.pg, table)));
            case "debezium" -> ctx.runSystem(result, system, "Debezium PostgresConnector 3.6.0", ConnectorConfigs.pgSourceClass(system),
                    (run, r) -> connector(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice cdc-postgres", ConnectorConfigs.pgSourceClass(system),
                    (run, r) -> connector(system, run, r));
            default -> { }
        }
    }

    private void connector(String system, int run, Results.SystemRun r) throws Exception {
        String n = "bench_pgsn_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run;
        String topic = n + ".public." + table;
        ctx.pg.createPublication(n, table);
        var config = ctx.configs.pgSource(system, n, n, n, table, "initial");
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
            ctx.pg.dropSlot(n);
            ctx.pg.execute("DROP PUBLICATION IF EXISTS " + n);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

    @Override
    public void cleanup() throws Exception {
        ctx.pg.execute("DROP TABLE IF EXISTS " + table);
    }
}
