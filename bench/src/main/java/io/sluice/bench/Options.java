package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the bench app; bench/run passes them through and adds the stack's addresses. */
final class Options {
    static final List<String> ALL_BENCHMARKS =
            // Most telling first: when a time budget cuts a run short, the streaming and sink rows are already in.
            List.of("pg-stream", "sink-pg", "latency", "my-stream", "sink-my", "pg-snapshot", "my-snapshot", "jdbc-source",
                    "jdbc-source-my", "converter");

    String mode = "full";
    long rows = 1_000_000;
    int runs = 3;
    /** Runs of each connector system before the measured ones, not reported: the worker's JIT compiles meanwhile. */
    int warmupRuns = 1;
    String converter = "json";
    Set<String> only = new LinkedHashSet<>(ALL_BENCHMARKS);
    Set<String> systems = new LinkedHashSet<>(List.of("raw", "debezium", "sluice"));
    int txRows = 1000;
    int sinkBatch = 4000;
    int sourceBatch = 8192;
    int sourceQueue = 32768;
    int latencyRate = 5000;
    int latencySeconds = 30;
    int latencyWarmupSeconds = 5;
    int stallSeconds = 45;
    boolean restartPerSystem = true;
    /** bench/run just started the stack: the worker is fresh, so the first connector system needs no restart. */
    boolean freshWorker = false;
    /** Minutes the whole measurement may take (0: no limit); connector systems share it equally. */
    int timeBudgetMinutes = 0;

    Path root;
    Path resultsDir;
    Path workDir;
    String kafka = "127.0.0.1:19092";
    String connectUrl = "http://127.0.0.1:18083";
    String registryUrl = "http://127.0.0.1:18081/apis/ccompat/v7";
    String pgHost = "127.0.0.1";
    int pgPort = 5432;
    String myHost = "127.0.0.1";
    int myPort = 3306;
    String dbUser = "sluice";
    String dbPassword = "sluice";
    String database = "bench";

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> a = new ArrayList<>(List.of(args));
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            String value = i + 1 < a.size() ? a.get(i + 1) : null;
            switch (arg) {
                case "--quick" -> { o.mode = "quick"; o.rows = 100_000; o.latencySeconds = 10; o.latencyWarmupSeconds = 3; }
                case "--mode" -> { o.mode = need(arg, value); i++; }
                case "--sizes", "--rows" -> { o.rows = parseCount(need(arg, value)); i++; }
                case "--runs" -> { o.runs = Integer.parseInt(need(arg, value)); i++; }
                case "--warmup-runs" -> { o.warmupRuns = Integer.parseInt(need(arg, value)); i++; }
                case "--converter" -> { o.converter = need(arg, value); i++; }
                case "--only" -> { o.only = csv(need(arg, value)); i++; }
                case "--systems" -> { o.systems = csv(need(arg, value)); i++; }
                case "--tx-rows" -> { o.txRows = Integer.parseInt(need(arg, value)); i++; }
                case "--sink-batch" -> { o.sinkBatch = Integer.parseInt(need(arg, value)); i++; }
                case "--source-batch" -> { o.sourceBatch = Integer.parseInt(need(arg, value)); i++; }
                case "--source-queue" -> { o.sourceQueue = Integer.parseInt(need(arg, value)); i++; }
                case "--latency-rate" -> { o.latencyRate = Integer.parseInt(need(arg, value)); i++; }
                case "--latency-seconds" -> { o.latencySeconds = Integer.parseInt(need(arg, value)); i++; }
                case "--stall-seconds" -> { o.stallSeconds = Integer.parseInt(need(arg, value)); i++; }
                case "--no-restart" -> o.restartPerSystem = false;
                case "--fresh-worker" -> o.freshWorker = true;
                case "--time-budget" -> { o.timeBudgetMinutes = Integer.parseInt(need(arg, value)); i++; }
                case "--root" -> { o.root = Path.of(need(arg, value)); i++; }
                case "--results" -> { o.resultsDir = Path.of(need(arg, value)); i++; }
                case "--work" -> { o.workDir = Path.of(need(arg, value)); i++; }
                case "--kafka" -> { o.kafka = need(arg, value); i++; }
                case "--connect" -> { o.connectUrl = need(arg, value); i++; }
                case "--registry" -> { o.registryUrl = need(arg, value); i++; }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        for (String b : o.only) {
            if (!ALL_BENCHMARKS.contains(b)) {
                throw new IllegalArgumentException("unknown benchmark " + b + " (known: " + String.join(",", ALL_BENCHMARKS) + ")");
            }
        }
        if (!List.of("json", "kafka-json", "avro").contains(o.converter)) {
            throw new IllegalArgumentException("--converter is json (Sluice's JsonConverter), kafka-json (Kafka's) or avro");
        }
        if (o.runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
        if (o.warmupRuns < 0) throw new IllegalArgumentException("--warmup-runs must be 0 or more");
        if (o.root == null) o.root = Path.of(".").toAbsolutePath().normalize();
        if (o.resultsDir == null) o.resultsDir = o.root.resolve("bench/results");
        if (o.workDir == null) o.workDir = o.root.resolve("bench/work");
        return o;
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    /** 100k, 1m, 250000 */
    static long parseCount(String s) {
        String t = s.trim().toLowerCase();
        long factor = 1;
        if (t.endsWith("k")) { factor = 1_000; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { factor = 1_000_000; t = t.substring(0, t.length() - 1); }
        return Long.parseLong(t) * factor;
    }

    private static Set<String> csv(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    boolean avro() { return converter.equals("avro"); }

    /** The JSON converter class both systems run with: Sluice's drop-in (same bytes, faster) or Kafka's own. */
    String jsonConverterClass() {
        return converter.equals("kafka-json") ? "org.apache.kafka.connect.json.JsonConverter" : "io.sluice.schema.json.JsonConverter";
    }
    String pgJdbcUrl() { return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database; }
    String myJdbcUrl() { return "jdbc:mariadb://" + myHost + ":" + myPort + "/" + database; }
}
