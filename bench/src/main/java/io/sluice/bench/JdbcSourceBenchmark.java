package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jdbc-source bulk mode: N rows exist before the connector is created; rate = N / (time from the create request to
 * N records in the topic). Raw, from PostgreSQL: the database's own export, COPY (SELECT * ...) TO STDOUT through
 * PgJDBC, discarded; from MariaDB: its own client, {@code mariadb --quick -e 'SELECT * ...' > /dev/null}. Both also
 * get the driver's streaming SELECT. Debezium has no query-based source, so that column stays empty.
 */
final class JdbcSourceBenchmark implements Benchmark {
    static final String CONNECTOR_CLASS = "io.sluice.jdbc.source.JdbcSourceConnector";
    /** The second raw baseline: the driver's own SELECT rate, which issue 7 names beside COPY TO. */
    static final String RAW_SELECT = "raw-select";
    /** The rate counted from the connector's creation, start-up included. */
    static final String FROM_CREATION = "rows/s from creation";
    static final String START_UP = "s to first records";
    /** The synthetic source's run: what the worker moves when reading costs nothing. */
    static final String CEILING = "sluice-ceiling";

    private final BenchContext ctx;
    private final Options o;
    private final Results.Benchmark result;
    private final String table;

    private final boolean postgres;

    JdbcSourceBenchmark(BenchContext ctx, boolean postgres) {
        this.ctx = ctx;
        this.o = ctx.options;
        this.postgres = postgres;
        this.table = (postgres ? "bench_jsrc_" : "bench_jsrcmy_") + ctx.runTag;
        String common = o.rows + " rows loaded before the connector exists; jdbc-source with mode=bulk reads the table "
                + "once (poll.interval.ms of an hour). `rows/s` is the copy's rate in the topic, from the first poll "
                + "that sees records to the one that sees the last (the raw baselines, too, time only their read); `"
                + FROM_CREATION + "` counts from the connector's creation instead, so it includes the worker's start "
                + "of the connector and its task (rebalances, the first query), shown as `" + START_UP + "`. ";
        this.result = postgres
                ? new Results.Benchmark("jdbc-source", "jdbc-source bulk mode from PostgreSQL (rows/s)", common
                        + "Raw: `COPY (SELECT * FROM t) TO STDOUT` read through PgJDBC's CopyManager and "
                        + "discarded, and `SELECT * FROM t` through PgJDBC with a streaming cursor (fetch size 10000), every column "
                        + "read with getObject. Debezium has no query-based source.")
                : new Results.Benchmark("jdbc-source-my", "jdbc-source bulk mode from MariaDB (rows/s)", common
                        + "Raw: the database's own client, `mariadb --quick --batch -e 'SELECT * FROM t' > /dev/null`, "
                        + "and `SELECT * FROM t` through MariaDB Connector/J streaming (fetch size 10000), every column "
                        + "read with getObject. Debezium has no query-based source.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void prepare() throws Exception {
        BenchContext.log(result.id + ": loading " + o.rows + " rows into " + table);
        if (postgres) {
            ctx.pg.recreateTable(table);
            ctx.pg.insertRows(table, 0, o.rows, 10_000);
            ctx.pg.execute("VACUUM ANALYZE " + table);
        } else {
            ctx.my.recreateTable(table);
            ctx.my.insertRows(table, 0, o.rows, 10_000);
            ctx.my.execute("ANALYZE TABLE " + table);
        }
    }

    @Override
    public void run(String system) {
        switch (system) {
            case "raw" -> {
                RawBaselines raw = new RawBaselines(o);
                if (postgres) {
                    ctx.runSystem(result, system, "raw COPY TO STDOUT (PgJDBC)", null,
                            (run, r) -> rawRate(r, o.rows / raw.pgCopyOut(ctx.pg, table)));
                    ctx.runSystem(result, RAW_SELECT, "raw JDBC SELECT * (PgJDBC, fetch size 10000, getObject per column)",
                            null, (run, r) -> rawRate(r, o.rows / raw.jdbcSelect(ctx.pg.connect(), table)));
                } else {
                    ctx.runSystem(result, system, "raw mariadb --quick SELECT * > /dev/null", null,
                            (run, r) -> rawRate(r, o.rows / raw.myClientSelect(table, o.workDir)));
                    ctx.runSystem(result, RAW_SELECT, "raw JDBC SELECT * (MariaDB Connector/J, fetch size 10000, "
                            + "getObject per column)", null,
                            (run, r) -> rawRate(r, o.rows / raw.jdbcSelect(ctx.my.connect(), table)));
                }
            }
            case "sluice" -> {
                ctx.runSystem(result, system, "Sluice jdbc-source (bulk)", CONNECTOR_CLASS, (run, r) -> connector(run, r));
                ctx.runSystem(result, CEILING, "worker ceiling: synthetic source, the same records from memory, no database",
                        SyntheticRowsSource.class.getName(), (run, r) -> synthetic(run, r));
            }
            default -> { }
        }
    }

    /** A baseline has no start-up to leave out: its rate is the same counted either way. */
    private static void rawRate(Results.SystemRun r, double rowsPerSecond) {
        r.add("rows/s", rowsPerSecond);
        r.add(FROM_CREATION, rowsPerSecond);
    }

    private void connector(int run, Results.SystemRun r) throws Exception {
        String n = table + "_" + run;
        String prefix = n + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", postgres ? o.pgJdbcUrl() : o.myJdbcUrl());
        config.put("connection.user", o.dbUser);
        config.put("connection.password", o.dbPassword);
        config.put("mode", "bulk");
        config.put("table.include.list", (postgres ? "public." : o.database + ".") + table);
        config.put("topic.prefix", prefix);
        config.put("poll.interval.ms", "3600000");
        config.put("batch.max.rows", "10000");
        measure(run, n, prefix + table, config, "sluice", r);
    }

    /** The same records as {@link #connector}'s from a source that reads no database: the worker's own limit. */
    private void synthetic(int run, Results.SystemRun r) throws Exception {
        String n = table + "_ceiling_" + run;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SyntheticRowsSource.class.getName());
        config.put("tasks.max", "1");
        config.put(SyntheticRowsSource.TOPIC, n);
        config.put(SyntheticRowsSource.ROWS, String.valueOf(o.rows));
        config.put(SyntheticRowsSource.SCHEMA_NAME, table);
        measure(run, n, n, config, CEILING, r);
    }

    /** Creates the connector with the producer and converter settings both sources share, and times its topic. */
    private void measure(int run, String n, String topic, Map<String, String> config, String system,
            Results.SystemRun r) throws Exception {
        config.put("producer.override.linger.ms", "20");
        config.put("producer.override.batch.size", String.valueOf(512 * 1024));
        config.put("producer.override.compression.type", "lz4");
        ctx.configs.runConverters(config);
        result.settings.putIfAbsent(system, Report.settingsText(config));
        try {
            long t0 = System.nanoTime();
            ctx.connect.create(n, config);
            TopicWatcher.Progress p = TopicWatcher.awaitCount(system + " bulk", () -> ctx.topics.count(topic), 0, o.rows,
                    o.stallSeconds, TopicWatcher.POLL_MS, () -> ctx.connect.states(n) + " " + ctx.connect.failure(n), ctx.hardDeadline);
            r.add("rows/s", p.ratePerSecond(t0, 0));
            r.add(FROM_CREATION, p.lastCount() / ((p.lastNanos() - t0) / 1e9));
            r.add(START_UP, (p.firstNanos() - t0) / 1e9);
            ctx.notePartial(r, run, p, 0, o.rows);
        } finally {
            ctx.deleteQuietly(n, r);
            ctx.topics.deleteTopics(List.of(topic));
        }
    }

    @Override
    public void cleanup() throws Exception {
        if (postgres) {
            ctx.pg.execute("DROP TABLE IF EXISTS " + table);
        } else {
            ctx.my.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
