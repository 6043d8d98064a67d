package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency PostgreSQL commit -> row visible in MariaDB, through source connector, Kafka and sink
 * connector of one system. A paced writer commits the rows due every 10 ms and notes each commit's time;
 * a poller reads max(id) of the MariaDB table every 5 ms and notes when each id became visible (the sink
 * writes one partition in order, so max(id) is a complete watermark). Latency = visible - committed.
 */
final class LatencyBenchmark implements Benchmark {
    private static final long WARM_ID = 1_000_000_000L;
    private static final long TICK_MS = 10;
    /** A pipeline still this far behind after the writer stopped does not sustain the rate: its latency is a backlog. */
    private static final long DRAIN_LIMIT_S = 60;
    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;

    LatencyBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.result = new Results.Benchmark("latency", "End-to-end latency PostgreSQL -> MariaDB at " + o.latencyRate + " changes/s (ms)",
                "Source connector on PostgreSQL and sink connector into MariaDB of one system, in one worker. A paced writer inserts "
                        + o.latencyRate + " rows/s (every " + TICK_MS + " ms it commits, in one transaction, the rows due by then: "
                        + (o.latencyRate * TICK_MS / 1000) + " when on time) for " + o.latencyWarmupSeconds + " s of warm-up plus " + o.latencySeconds + " s measured; a poller "
                        + "reads max(id) on MariaDB every 5 ms. Latency of a row = first poll that sees it - its commit's return; "
                        + "percentiles over the measured rows (nearest rank).");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void run(String system) {
        switch (system) {
            case "debezium" -> ctx.runSystem(result, system, "Debezium PostgresConnector -> JdbcSinkConnector 3.6.0",
                    ConnectorConfigs.pgSourceClass(system), (run, r) -> pipeline(system, run, r));
            case "sluice" -> ctx.runSystem(result, system, "Sluice cdc-postgres -> jdbc-sink",
                    ConnectorConfigs.pgSourceClass(system), (run, r) -> pipeline(system, run, r));
            default -> { }
        }
    }

    private void pipeline(String system, int run, Results.SystemRun r) throws Exception {
        if (!ctx.connect.pluginInstalled(ConnectorConfigs.sinkClass(system))) {
            throw new BenchFailure(ConnectorConfigs.sinkClass(system) + " is not on the worker's plugin.path");
        }
        String n = "bench_lat_" + system.substring(0, 3) + "_" + ctx.runTag + "_" + run;
        String sinkName = n + "_sink";
        String topic = n + ".public." + n;
        ctx.pg.recreateTable(n);
        ctx.pg.createPublication(n, n);
        ctx.my.recreateTable(n);
        var source = ctx.configs.pgSource(system, n, n, n, n, "initial");
        var sink = ctx.configs.sink(system, topic, o.myJdbcUrl() + "?rewriteBatchedStatements=true", n);
        result.settings.putIfAbsent(system + " source", Report.settingsText(source));
        result.settings.putIfAbsent(system + " sink", Report.settingsText(sink));
        try {
            ctx.connect.create(n, source);
            ctx.connect.create(sinkName, sink);
            ctx.connect.awaitRunning(n, Duration.ofSeconds(120));
            ctx.connect.awaitRunning(sinkName, Duration.ofSeconds(120));
            // The pipeline is warm once one row made the whole trip.
            ctx.pg.insertRows(n, WARM_ID, 1, 1);
            TopicWatcher.awaitCount(system + " pipeline warm-up row", () -> maxVisible(n, WARM_ID + 1) >= WARM_ID ? 1 : 0, 0, 1, 120, 100,
                    () -> ctx.connect.states(n) + " " + ctx.connect.failure(n) + "; sink " + ctx.connect.states(sinkName) + " "
                            + ctx.connect.failure(sinkName));
            measure(system, run, r, n, sinkName);
        } finally {
            ctx.deleteQuietly(sinkName, r);
            ctx.deleteQuietly(n, r);
            ctx.pg.dropSlot(n);
            ctx.pg.execute("DROP PUBLICATION IF EXISTS " + n, "DROP TABLE IF EXISTS " + n);
            ctx.my.execute("DROP TABLE IF EXISTS " + n);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

    private void measure(String system, int run, Results.SystemRun r, String table, String sinkName) throws Exception {
        int total = o.latencyRate * (o.latencyWarmupSeconds + o.latencySeconds);
        long warmRows = (long) o.latencyRate * o.latencyWarmupSeconds;
        long[] committed = new long[total];
        long[] visible = new long[total];
        long[] writeSpan = new long[2];
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Connection c = ctx.pg.connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                        + " (id, qty, account, amount, score, code, note, active, created_at, day) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    long start = System.nanoTime();
                    writeSpan[0] = start;
                    int id = 0;
                    // Each tick commits every row due by now (rate x elapsed): when a commit is slow the next
                    // transaction is larger, so the offered rate holds instead of silently dropping.
                    for (long t = 1; id < total; t++) {
                        long due = start + TimeUnit.MILLISECONDS.toNanos(t * TICK_MS);
                        long wait = due - System.nanoTime();
                        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        long elapsedNanos = System.nanoTime() - start;
                        int target = (int) Math.min(total, elapsedNanos * o.latencyRate / 1_000_000_000L);
                        if (target <= id) continue;
                        int first = id;
                        while (id < target) {
                            PgDatabase.bind(ps, id++);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                        long at = System.nanoTime();
                        for (int k = first; k < id; k++) committed[k] = at;
                    }
                    writeSpan[1] = System.nanoTime();
                }
            } catch (Exception e) {
                throw new BenchFailure("the paced writer failed", e);
            }
        });
        // Poll the watermark on MariaDB until the last row is visible.
        try (Connection c = ctx.my.connect(); Statement s = c.createStatement()) {
            long seen = -1;
            long lastChange = System.nanoTime();
            long writerDoneAt = -1;
            while (seen < total - 1) {
                long max;
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(max(id), -1) FROM " + table + " WHERE id < " + WARM_ID)) {
                    rs.next();
                    max = rs.getLong(1);
                }
                long now = System.nanoTime();
                if (max > seen) {
                    for (long k = seen + 1; k <= max; k++) visible[(int) k] = now;
                    seen = max;
                    lastChange = now;
                } else if (now - lastChange > TimeUnit.SECONDS.toNanos(o.stallSeconds)) {
                    writer.cancel(true);
                    throw new BenchFailure(system + " pipeline stalled at " + (seen + 1) + " of " + total + " rows ("
                            + ctx.connect.states(table) + " " + ctx.connect.failure(table) + "; sink " + ctx.connect.states(sinkName)
                            + " " + ctx.connect.failure(sinkName) + ")");
                }
                if (writerDoneAt < 0 && writer.isDone()) writerDoneAt = now;
                if (writerDoneAt > 0 && now - writerDoneAt > TimeUnit.SECONDS.toNanos(DRAIN_LIMIT_S)) {
                    double writeSeconds = (writeSpan[1] - writeSpan[0]) / 1e9;
                    throw new BenchFailure(system + " pipeline did not keep up with " + o.latencyRate + " changes/s: "
                            + (seen + 1) + " of " + total + " rows visible in MariaDB " + DRAIN_LIMIT_S
                            + " s after the writer finished (it wrote them in " + String.format(java.util.Locale.ROOT, "%.1f", writeSeconds)
                            + " s); latency would only measure the backlog");
                }
                if (now > ctx.hardDeadline) {
                    writer.cancel(true);
                    throw new BenchFailure.BudgetExhausted(system + " pipeline stopped: the time budget ran out at " + (seen + 1)
                            + " of " + total + " rows");
                }
                if (writer.isCompletedExceptionally()) writer.join();
                Thread.sleep(5);
            }
        }
        writer.join();
        int measured = (int) (total - warmRows);
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            int k = (int) warmRows + i;
            ms[i] = (visible[k] - committed[k]) / 1e6;
        }
        double[] sorted = Results.Stats.sorted(ms);
        r.add("p50 ms", Results.Stats.percentile(sorted, 50));
        r.add("p95 ms", Results.Stats.percentile(sorted, 95));
        r.add("p99 ms", Results.Stats.percentile(sorted, 99));
        r.add("max ms", sorted[sorted.length - 1]);
        double achieved = total / ((writeSpan[1] - writeSpan[0]) / 1e9);
        r.add("achieved changes/s", achieved);
        if (achieved < o.latencyRate * 0.95) {
            r.notes.add("run " + run + ": the writer reached only " + Math.round(achieved) + " changes/s of " + o.latencyRate);
        }
    }

    private long maxVisible(String table, long below) {
        try {
            return ctx.my.queryLong("SELECT COALESCE(max(id), -1) FROM " + table + " WHERE id < " + below);
        } catch (Exception e) {
            throw new BenchFailure("reading " + table + " on MariaDB failed", e);
        }
    }
}
