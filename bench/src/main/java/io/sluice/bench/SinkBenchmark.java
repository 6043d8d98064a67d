package io.sluice.bench;

import java.time.Duration;

/**
 * Sink upserts into PostgreSQL or MariaDB: each sink reads the same topic of N insert envelopes with its own
 * consumer group into its own pre-created table (same DDL as the source), insert.mode=upsert keyed on the
 * record key. Rate = rows from the first to the last seen in the table (count polled every 100 ms) / elapsed.
 * Raw: the database's own batched upsert from JDBC, batches of 1000, one commit per batch.
 */
final class SinkBenchmark implements Benchmark {
    private static final long POLL_MS = 100;
    private final BenchContext ctx;
    private final Options o;
    private final boolean postgres;
    private final Results.Benchmark result;
    private final EnvelopeTopic input;
    private final String topic;

    SinkBenchmark(BenchContext ctx, boolean postgres, EnvelopeTopic input) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.postgres = postgres;
        this.input = input;
        this.topic = input.topic;
        String db = postgres ? "PostgreSQL" : "MariaDB";
        this.result = new Results.Benchmark(postgres ? "sink-pg" : "sink-my", "Sink upserts into " + db + " (rows/s)",
                "One topic of " + o.rows + " insert envelopes (Debezium PostgreSQL format, one partition), produced once; each sink "
                        + "consumes it from the start into its own empty table with insert.mode=upsert, primary.key.mode=record_key, "
                        + "batch.size=" + o.sinkBatch + "; rate = rows from the first to the last seen in the table / elapsed, "
                        + "where rows seen = max(id) + 1 polled every " + POLL_MS + " ms (one partition, so rows commit in id order; "
                        + "an index lookup, where count(*) would scan up to " + o.rows + " rows per poll and take CPU from the sink), "
                        + "and count(*) checked once at the end. Raw: JDBC batches of 1000 rows of "
                        + (postgres ? "`INSERT ... ON CONFLICT (id) DO UPDATE` (reWriteBatchedInserts=true)"
                                    : "`INSERT ... ON DUPLICATE KEY UPDATE` (rewriteBatchedStatements=true)")
                        + ", one commit per batch, into an empty table.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void prepare() throws Exception { input.ensureProduced(); }

    @Override
    public void cleanup() { input.delete(); }

    @Override
    public void run(String system) {
        String db = postgres ? "PostgreSQL" : "MariaDB";
        switch (system) {
            case "raw" -> ctx.runSystem(result, system, "raw JDBC batched upsert (" + db + ")", null, this::raw);
            case "debezium" -> ctx.runSystem(result, system, "Debezium JdbcSinkConnector 3.6.0", ConnectorConfigs.sinkClass(system),
                    (run, r) -> connector(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice jdbc-sink", ConnectorConfigs.sinkClass(system),
                    (run, r) -> connector(system, run, r));
            default -> { }
        }
    }

    private String name(String system, int run) {
        return "bench_sink" + (postgres ? "pg" : "my") + "_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run;
    }

    private void recreate(String table) throws Exception {
        if (postgres) ctx.pg.recreateTable(table); else ctx.my.recreateTable(table);
    }

    private void drop(String table) throws Exception {
        if (postgres) ctx.pg.execute("DROP TABLE IF EXISTS " + table); else ctx.my.execute("DROP TABLE IF EXISTS " + table);
    }

    /** Rows committed so far: ids are 0..n-1 and arrive in order from the single partition. */
    private long seen(String table) {
        try {
            String sql = "SELECT coalesce(max(id) + 1, 0) FROM " + table;
            return postgres ? ctx.pg.queryLong(sql) : ctx.my.queryLong(sql);
        } catch (Exception e) {
            throw new BenchFailure("reading max(id) of " + table + " failed", e);
        }
    }

    private long count(String table) {
        try {
            return postgres ? ctx.pg.queryLong("SELECT count(*) FROM " + table) : ctx.my.queryLong("SELECT count(*) FROM " + table);
        } catch (Exception e) {
            throw new BenchFailure("counting rows in " + table + " failed", e);
        }
    }

    private void raw(int run, Results.SystemRun r) throws Exception {
        String n = name("raw", run);
        recreate(n);
        try {
            long t0 = System.nanoTime();
            if (postgres) ctx.pg.upsertRows(n, o.rows, 1000); else ctx.my.upsertRows(n, o.rows, 1000);
            r.add("rows/s", o.rows / ((System.nanoTime() - t0) / 1e9));
        } finally {
            drop(n);
        }
    }

    private void connector(String system, int run, Results.SystemRun r) throws Exception {
        String n = name(system, run);
        recreate(n);
        String url = postgres ? o.pgJdbcUrl() + "?reWriteBatchedInserts=true" : o.myJdbcUrl() + "?rewriteBatchedStatements=true";
        var config = ctx.configs.sink(system, topic, url, n);
        result.settings.putIfAbsent(system, Report.settingsText(config));
        try {
            long t0 = System.nanoTime();
            ctx.connect.create(n, config);
            ctx.connect.awaitRunning(n, Duration.ofSeconds(120));
            TopicWatcher.Progress p = TopicWatcher.awaitCount(system + " sink", () -> seen(n), 0, o.rows, o.stallSeconds,
                    POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n), ctx.hardDeadline);
            long rows = count(n);
            if (!p.partial() && rows != o.rows) {
                throw new BenchFailure(system + " sink: max(id) reached " + (o.rows - 1) + " but the table holds " + rows
                        + " rows, not " + o.rows);
            }
            r.add("rows/s", p.ratePerSecond(t0, 0));
            ctx.notePartial(r, run, p, 0, o.rows);
        } finally {
            ctx.deleteQuietly(n, r);
            drop(n);
        }
    }
}
