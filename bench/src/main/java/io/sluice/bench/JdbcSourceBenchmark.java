package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jdbc-source bulk mode from PostgreSQL: N rows exist before the connector is created; rate = N / (time from the
 * create request to N records in the topic). Raw: the database's own export, COPY (SELECT * ...) TO STDOUT through
 * PgJDBC, discarded. Debezium has no query-based source, so that column stays empty.
 */
final class JdbcSourceBenchmark implements Benchmark {
    static final String CONNECTOR_CLASS = "io.sluice.jdbc.source.JdbcSourceConnector";
    /** The second raw baseline: the driver's own SELECT rate, which issue 7 names beside COPY TO. */
    static final String RAW_SELECT = "raw-select";

    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;
    private final String table;

    JdbcSourceBenchmark(BenchContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.table = "bench_jsrc_" + ctx.runTag;
        this.result = new Results.Benchmark("jdbc-source", "jdbc-source bulk mode from PostgreSQL (rows/s)",
                o.rows + " rows loaded before the connector exists; jdbc-source with mode=bulk reads the table once "
                        + "(poll.interval.ms of an hour); rate = rows / time from the connector's creation to the last record "
                        + "in the topic. Raw: `COPY (SELECT * FROM t) TO STDOUT` read through PgJDBC's CopyManager and "
                        + "discarded, and `SELECT * FROM t` through PgJDBC with a streaming cursor (fetch size 10000), every column "
                        + "read with getObject. Debezium has no query-based source.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void prepare() throws Exception {
        BenchContext.log("jdbc-source: loading " + o.rows + " rows into " + table);
        ctx.pg.recreateTable(table);
        ctx.pg.insertRows(table, 0, o.rows, 10_000);
        ctx.pg.execute("VACUUM ANALYZE " + table);
    }

    @Override
    public void run(String system) {
        switch (system) {
            case "raw" -> {
                ctx.runSystem(result, system, "raw COPY TO STDOUT (PgJDBC)", null,
                        (run, r) -> r.add("rows/s", o.rows / new RawBaselines(o).pgCopyOut(ctx.pg, table)));
                ctx.runSystem(result, RAW_SELECT, "raw JDBC SELECT * (PgJDBC, fetch size 10000, getObject per column)", null,
                        (run, r) -> r.add("rows/s", o.rows / new RawBaselines(o).pgJdbcSelect(ctx.pg, table)));
            }
            case "sluice" -> ctx.runSystem(result, system, "Sluice jdbc-source (bulk)", CONNECTOR_CLASS,
                    (run, r) -> connector(run, r));
            default -> { }
        }
    }

    private void connector(int run, Results.SystemRun r) throws Exception {
        String n = "bench_jsrc_" + ctx.runTag + "_" + run;
        String prefix = n + ".";
        String topic = prefix + table;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", o.pgJdbcUrl());
        config.put("connection.user", o.dbUser);
        config.put("connection.password", o.dbPassword);
        config.put("mode", "bulk");
        config.put("table.include.list", "public." + table);
        config.put("topic.prefix", prefix);
        config.put("poll.interval.ms", "3600000");
        config.put("batch.max.rows", "10000");
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", String.valueOf(512 * 1024));
        config.put("producer.override.compression.type", "lz4");
        ctx.configs.runConverters(config);
        result.settings.putIfAbsent("sluice", Report.settingsText(config));
        try {
            long t0 = System.nanoTime();
            ctx.connect.create(n, config);
            TopicWatcher.Progress p = TopicWatcher.awaitCount("jdbc-source bulk", () -> ctx.topics.count(topic), 0, o.rows,
                    o.stallSeconds, TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n), ctx.hardDeadline);
            r.add("rows/s", p.lastCount() / ((p.lastNanos() - t0) / 1e9));
            ctx.notePartial(r, run, p, 0, o.rows);
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

    @Override
    public void cleanup() throws Exception {
        ctx.pg.execute("DROP TABLE IF EXISTS " + table);
    }
}
