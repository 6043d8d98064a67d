package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * bench/run's Java side: prepares data, measures each system in turn on the running stack (restarting
 * the worker between systems), and writes bench/results/<date>-<mode>.md and .json.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Files.createDirectories(o.workDir);
        Map<String, String> machine = machine(o, String.join(" ", args));
        int exit = 0;
        try (BenchContext ctx = new BenchContext(o)) {
            // An interrupted earlier run may have left connectors (they survive worker restarts) and slots.
            for (String name : ctx.connect.names()) {
                if (name.startsWith("bench_")) {
                    ctx.connect.delete(name);
                    BenchContext.log("removed leftover connector " + name);
                }
            }
            for (String d : ctx.pg.dropLeftovers()) BenchContext.log("removed leftover " + d);
            List<Benchmark> suite = suite(ctx);
            List<Results.Benchmark> results = new ArrayList<>();
            List<Benchmark> prepared = new ArrayList<>();
            for (Benchmark b : suite) {
                results.add(b.result());
                try {
                    b.prepare();
                    prepared.add(b);
                } catch (Exception e) {
                    String why = "preparing data failed: " + BenchFailure.reasonOf(e);
                    BenchContext.log(b.result().id + ": " + why);
                    for (String s : o.systems) b.result().system(s, s).failure = why;
                }
            }
            // Raw baselines need no worker; each connector system gets a freshly started worker so its peaks are its own.
            boolean workerFresh = o.freshWorker;
            long budgetEnd = o.timeBudgetMinutes > 0 ? System.nanoTime() + o.timeBudgetMinutes * 60_000_000_000L : Long.MAX_VALUE;
            List<String> workerSystems = o.systems.stream().filter(x -> !x.equals("raw")).toList();
            boolean hasJmh = prepared.stream().anyMatch(b -> b instanceof ConverterRun);
            int systemIndex = 0;
            for (String system : o.systems) {
                if (budgetEnd != Long.MAX_VALUE) {
                    // Each connector system gets an equal share of what is left (JMH, a few minutes, a third of one);
                    // raw baselines take seconds and only honour the overall end.
                    long left = budgetEnd - System.nanoTime();
                    double shares = workerSystems.size() - (system.equals("raw") ? 0 : systemIndex) + (hasJmh ? 0.35 : 0);
                    ctx.systemDeadline = system.equals("raw") ? budgetEnd : System.nanoTime() + (long) (left / Math.max(1.0, shares));
                    if (!system.equals("raw")) systemIndex++;
                }
                boolean usesWorker = !system.equals("raw") && prepared.stream().anyMatch(b -> !(b instanceof ConverterRun));
                if (usesWorker && workerFresh) {
                    BenchContext.log("the worker was just started: " + system + " runs on it without a restart");
                    workerFresh = false;
                } else if (usesWorker && o.restartPerSystem) {
                    BenchContext.log("restarting the worker for " + system);
                    try {
                        ctx.worker.restartWorker();
                    } catch (RuntimeException e) {
                        String why = "worker restart failed: " + BenchFailure.reasonOf(e);
                        for (Benchmark b : prepared) if (!(b instanceof ConverterRun)) b.result().system(system, system).failure = why;
                        continue;
                    }
                }
                List<Benchmark> measured = prepared.stream().filter(b -> !(b instanceof ConverterRun)).toList();
                for (int i = 0; i < measured.size(); i++) {
                    if (ctx.systemDeadline != Long.MAX_VALUE) {
                        // Each benchmark gets an equal slice of what is left of the system's share, so time a fast
                        // failure leaves unused goes to the next ones.
                        long left = ctx.systemDeadline - System.nanoTime();
                        ctx.hardDeadline = System.nanoTime() + Math.max(0, left / (measured.size() - i));
                    }
                    measured.get(i).run(system);
                }
                // Written after each system, so an interrupted run still leaves what it measured.
                writeReport(o, machine, results);
            }
            ctx.systemDeadline = Long.MAX_VALUE;
            ctx.hardDeadline = Long.MAX_VALUE;
            // JMH last: it is CPU-bound and must not run beside a connector.
            for (Benchmark b : prepared) if (b instanceof ConverterRun) b.run("sluice");
            for (Benchmark b : prepared) {
                try {
                    b.cleanup();
                } catch (Exception e) {
                    BenchContext.log(b.result().id + ": cleanup failed: " + BenchFailure.reasonOf(e));
                }
            }
            machine.put("duration", Math.round((System.nanoTime() - started) / 60e9) + " min");
            Path md = writeReport(o, machine, results);
            BenchContext.log("report: " + md);
            BenchContext.log("json:   " + md.toString().replaceAll("\\.md$", ".json"));
            for (Results.Benchmark b : results) for (Results.SystemRun r : b.systems) if (r.failure != null) exit = 3;
        }
        System.exit(exit);
    }

    /** <date>-<mode>: a later run of the same day and mode replaces the earlier report. */
    private static Path writeReport(Options o, Map<String, String> machine, List<Results.Benchmark> results) throws IOException {
        machine.put("load average at end", loadAverage());
        String base = today() + "-" + o.mode + (o.converter.equals("json") ? "" : "-" + o.converter);
        Path md = o.resultsDir.resolve(base + ".md");
        new Report(o, machine, results).write(md, o.resultsDir.resolve(base + ".json"));
        return md;
    }

    private static List<Benchmark> suite(BenchContext ctx) {
        Options o = ctx.options;
        List<Benchmark> s = new ArrayList<>();
        // Both sink benchmarks read the same topic, produced once.
        EnvelopeTopic sinkInput = new EnvelopeTopic(ctx, "bench_sinkin_" + o.converter + "_" + o.rows + "_" + ctx.runTag);
        for (String id : o.only) {
            switch (id) {
                case "pg-stream" -> s.add(new PgStreamBenchmark(ctx));
                case "pg-snapshot" -> s.add(new PgSnapshotBenchmark(ctx));
                case "jdbc-source" -> s.add(new JdbcSourceBenchmark(ctx, true));
                case "jdbc-source-my" -> s.add(new JdbcSourceBenchmark(ctx, false));
                case "my-stream" -> s.add(new MyStreamBenchmark(ctx));
                case "my-snapshot" -> s.add(new MySnapshotBenchmark(ctx));
                case "sink-pg", "sink-my" -> s.add(new SinkBenchmark(ctx, id.equals("sink-pg"), sinkInput));
                case "latency" -> s.add(new LatencyBenchmark(ctx));
                case "converter" -> s.add(new ConverterRun(ctx));
                default -> throw new IllegalArgumentException(id);
            }
        }
        return s;
    }

    private static Map<String, String> machine(Options o, String args) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        m.put("command", "bench/run " + args.replaceAll("--(root|results|work|kafka|connect|registry) \\S+ ?|--fresh-worker ?", "").trim());
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("memory", memTotal());
        m.put("cpu", cpuModel());
        m.put("load average at start", loadAverage());
        m.put("java (bench app and worker)", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("kafka (broker, worker, clients)", AppInfoParser.getVersion());
        m.put("debezium", "3.6.0.Final (plugin tarballs from Maven Central); the MariaDB connector 3.5.0.Final, the newest there");
        m.put("sluice", gitHead(o.root));
        m.put("worker heap", System.getenv().getOrDefault("SLUICE_CONNECT_HEAP", "1g"));
        m.put("sluice plugins (as staged for the worker)", stagedPlugins());
        try {
            m.put("postgresql", new PgDatabase(o).queryString("SELECT version()"));
        } catch (SQLException e) {
            m.put("postgresql", "unreachable: " + e.getMessage());
        }
        try (var c = new MariaDatabase(o).connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT version()")) {
            rs.next();
            m.put("mariadb", rs.getString(1));
        } catch (SQLException e) {
            m.put("mariadb", "unreachable: " + e.getMessage());
        }
        m.put("note", "the machine is shared: other engineers' builds and tests run beside the benchmark, so absolute figures are noisy; compare within a run");
        return m;
    }

    /** Build times of the Sluice plugin jars the worker loaded: the report says which build it measured. */
    private static String stagedPlugins() {
        String stack = System.getenv("SLUICE_STACK_DIR");
        if (stack == null) return "unknown (SLUICE_STACK_DIR unset)";
        List<String> out = new ArrayList<>();
        try (var dirs = Files.list(Path.of(stack, "plugins"))) {
            for (Path d : dirs.sorted().toList()) {
                String name = d.getFileName().toString();
                Path jar = d.resolve("lib").resolve(name + ".jar");
                if (Files.exists(jar)) {
                    // bin/stack copies the plugins without keeping file times: the manifest entry's time is the build's.
                    try (var jf = new java.util.jar.JarFile(jar.toFile())) {
                        var entry = jf.getEntry("META-INF/MANIFEST.MF");
                        String when = entry == null ? "?" : DateTimeFormatter.ofPattern("HH:mm")
                                .format(java.time.Instant.ofEpochMilli(entry.getTime()).atZone(ZoneOffset.UTC));
                        out.add(name.replace("sluice-", "").replace("-0.1.0", "") + " " + when);
                    }
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return String.join(", ", out) + " UTC (jar build times)";
    }

    private static String memTotal() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB";
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String gitHead(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%h %cd", "--date=iso").start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return "commit " + out + " (plugins as staged by bin/stack from <module>/target/plugin; working-tree changes may be included)";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    static String today() { return LocalDate.now(ZoneOffset.UTC).toString(); }
}
