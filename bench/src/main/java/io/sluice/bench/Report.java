package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the run's Markdown report and the same figures as JSON. */
final class Report {
    private final Options o;
    private final Map<String, String> machine;
    private final List<Results.Benchmark> benchmarks;

    Report(Options o, Map<String, String> machine, List<Results.Benchmark> benchmarks) {
        this.o = o;
        this.machine = machine;
        this.benchmarks = benchmarks;
    }

    static String settingsText(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().contains("password") ? "****" : e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** One target of issue 8, evaluated on this run's medians. */
    record Target(String text, String measured, String verdict) {}

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        Results.Benchmark pg = find("pg-stream");
        if (pg != null) {
            t.add(ratio(pg, "events/s", "debezium", 2.0, "PostgreSQL streaming >= 2x Debezium"));
            t.add(ratio(pg, "events/s", "raw", 0.6, "PostgreSQL streaming >= 60% of raw pg_recvlogical"));
        }
        Results.Benchmark my = find("my-stream");
        if (my != null) t.add(ratio(my, "events/s", "debezium", 2.0, "MariaDB streaming >= 2x Debezium"));
        for (String id : new String[] {"sink-pg", "sink-my"}) {
            Results.Benchmark s = find(id);
            if (s == null) continue;
            String db = id.equals("sink-pg") ? "PostgreSQL" : "MariaDB";
            t.add(ratio(s, "rows/s", "debezium", 3.0, "Sink upserts into " + db + " >= 3x Debezium JDBC sink"));
            t.add(ratio(s, "rows/s", "raw", 0.7, "Sink upserts into " + db + " >= 70% of raw batched upsert"));
        }
        Results.Benchmark jsrc = find("jdbc-source");
        if (jsrc != null) {
            t.add(ratio(jsrc, "rows/s", "raw", 0.5, "jdbc-source bulk >= 50% of COPY TO (issue 7)"));
            t.add(ratio(jsrc, "rows/s", JdbcSourceBenchmark.RAW_SELECT, 0.5, "jdbc-source bulk >= 50% of a JDBC SELECT (issue 7)"));
            t.add(information(jsrc, "sluice", JdbcSourceBenchmark.FROM_CREATION, "raw",
                    "jdbc-source bulk vs COPY TO, counted from the connector's creation"));
            ceiling(t, jsrc, "COPY TO");
        }
        Results.Benchmark jsrcMy = find("jdbc-source-my");
        if (jsrcMy != null) {
            t.add(ratio(jsrcMy, "rows/s", "raw", 0.5, "jdbc-source bulk from MariaDB >= 50% of the mariadb client's SELECT (issue 7)"));
            t.add(ratio(jsrcMy, "rows/s", JdbcSourceBenchmark.RAW_SELECT, 0.5, "jdbc-source bulk from MariaDB >= 50% of a JDBC SELECT (issue 7)"));
            t.add(information(jsrcMy, "sluice", JdbcSourceBenchmark.FROM_CREATION, "raw",
                    "jdbc-source bulk from MariaDB vs the mariadb client, counted from the connector's creation"));
            ceiling(t, jsrcMy, "the mariadb client");
        }
        Results.Benchmark lat = find("latency");
        if (lat != null) {
            Double s = median(lat, "sluice", "p99 ms");
            Double d = median(lat, "debezium", "p99 ms");
            String text = "p99 end-to-end latency <= 250 ms at " + o.latencyRate + "/s and below Debezium's";
            if (s == null) t.add(new Target(text, "Sluice: " + failureOf(lat, "sluice"), "FAIL (no Sluice figure)"));
            else {
                boolean pass = s <= 250 && (d == null || s < d);
                t.add(new Target(text, "Sluice p99 " + fmt(s) + " ms, Debezium p99 " + (d == null ? failureOf(lat, "debezium") : fmt(d) + " ms"),
                        (pass ? "PASS" : "FAIL") + (d == null ? " (Debezium side not measured)" : "")));
            }
        }
        return t;
    }

    /**
     * The worker's ceiling beside a jdbc-source target: the synthetic source's rate against the database's own, and
     * jdbc-source's share of the ceiling. Shown, not judged.
     */
    private void ceiling(List<Target> t, Results.Benchmark b, String baseline) {
        if (b.find(JdbcSourceBenchmark.CEILING) == null) return;
        t.add(information(b, JdbcSourceBenchmark.CEILING, "rows/s", "raw",
                "the worker's ceiling (synthetic source, no database) vs " + baseline));
        t.add(information(b, "sluice", "rows/s", JdbcSourceBenchmark.CEILING, "jdbc-source bulk vs the worker's ceiling"));
    }

    private Target ratio(Results.Benchmark b, String metric, String against, double need, String text) {
        return ratio(b, "sluice", metric, against, need, text);
    }

    private Target ratio(Results.Benchmark b, String system, String metric, String against, double need, String text) {
        Double s = median(b, system, metric);
        Double other = median(b, against, metric);
        String who = system.equals("sluice") ? "Sluice" : system;
        if (s == null) return new Target(text, who + ": " + failureOf(b, system), "FAIL (no " + who + " figure)");
        if (other == null) return new Target(text, against + ": " + failureOf(b, against), "not evaluated (no " + against + " figure)");
        double r = s / other;
        return new Target(text, String.format(Locale.ROOT, "%.2fx (%s vs %s %s)", r, fmt(s), fmt(other), metric), r >= need ? "PASS" : "FAIL");
    }

    /** A ratio shown next to a target for context, not judged. */
    private Target information(Results.Benchmark b, String system, String metric, String against, String text) {
        Target figure = ratio(b, system, metric, against, 0, text);
        return new Target(figure.text(), figure.measured(), "information");
    }

    private static String failureOf(Results.Benchmark b, String system) {
        Results.SystemRun r = b.find(system);
        if (r == null) return "not run";
        return r.failure != null ? "failed: " + r.failure : "no result";
    }

    private static Double median(Results.Benchmark b, String system, String metric) {
        Results.SystemRun r = b.find(system);
        return r == null ? null : r.median(metric);
    }

    private Results.Benchmark find(String id) {
        return benchmarks.stream().filter(b -> b.id.equals(id)).findFirst().orElse(null);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.1f", v);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Sluice vs Debezium: ").append(machine.get("date")).append(" (").append(o.mode).append(")\n\n");
        md.append("Produced by `").append(machine.get("command")).append("`. Every figure is the median of ").append(o.runs)
                .append(" runs with min and max; ratios are between medians of this run. Nothing here is estimated: a system that "
                        + "failed shows why.\n\n");
        md.append("## Machine and stack\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        md.append("\n## Parameters\n\n| | |\n|---|---|\n");
        md.append("| rows per run | ").append(o.rows).append(" |\n");
        md.append("| runs | ").append(o.runs).append(" |\n");
        md.append("| converter | ").append(o.avro() ? "Avro (io.sluice.schema.avro.AvroConverter, registry " + o.registryUrl + ") for both systems"
                : "JSON with schemas (" + o.jsonConverterClass() + ", schemas.enable=true) for both systems"
                        + (o.converter.equals("json") ? "; it writes the same bytes as Kafka's JsonConverter, faster (--converter kafka-json runs Kafka's)" : "")).append(" |\n");
        md.append("| source transaction size | ").append(o.txRows).append(" rows |\n");
        md.append("| source max.batch.size / max.queue.size | ").append(o.sourceBatch).append(" / ").append(o.sourceQueue).append(" |\n");
        md.append("| sink batch.size (and max.poll.records) | ").append(o.sinkBatch).append(" |\n");
        md.append("| worker restarts | ").append(o.restartPerSystem ? "before each system's block of benchmarks" : "none").append(" |\n");
        md.append("| time budget | ").append(o.timeBudgetMinutes > 0 ? o.timeBudgetMinutes + " min: connector systems share it equally, each splits its share equally over its benchmarks; a run cut short keeps the rate of what arrived and is marked partial in the notes" : "none").append(" |\n");

        md.append("\n## Targets (issue 8)\n\n| target | measured | result |\n|---|---|---|\n");
        for (Target t : targets()) md.append("| ").append(t.text()).append(" | ").append(t.measured()).append(" | ").append(t.verdict()).append(" |\n");

        for (Results.Benchmark b : benchmarks) {
            md.append("\n## ").append(b.title).append("\n\n").append(b.method).append("\n\n");
            md.append("| system | metric | median | min | max | runs | vs Debezium | vs raw | worker peak RSS MB | worker peak heap MB |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Results.SystemRun r : b.systems) {
                String peakRss = r.peak == null ? "" : fmt(r.peak.rssMb());
                String peakHeap = r.peak == null ? "" : (r.peak.heapMb() < 0 ? "n/a" : fmt(r.peak.heapMb()));
                if (r.failure != null || r.metrics.isEmpty()) {
                    md.append("| ").append(r.label).append(" | failed: ").append(r.failure == null ? "no result" : r.failure)
                            .append(" | | | | ").append(r.metrics.values().stream().mapToInt(List::size).max().orElse(0))
                            .append(" | | | ").append(peakRss).append(" | ").append(peakHeap).append(" |\n");
                    continue;
                }
                boolean first = true;
                for (var e : r.metrics.entrySet()) {
                    List<Double> v = e.getValue();
                    double med = Results.Stats.median(v);
                    md.append("| ").append(first ? r.label : "").append(" | ").append(e.getKey()).append(" | ").append(fmt(med))
                            .append(" | ").append(fmt(Results.Stats.min(v))).append(" | ").append(fmt(Results.Stats.max(v)))
                            .append(" | ").append(v.size()).append(" | ").append(ratioCell(b, r, e.getKey(), "debezium", med))
                            .append(" | ").append(ratioCell(b, r, e.getKey(), "raw", med)).append(" | ")
                            .append(first ? peakRss : "").append(" | ").append(first ? peakHeap : "").append(" |\n");
                    first = false;
                }
            }
            List<String> notes = new ArrayList<>();
            for (Results.SystemRun r : b.systems) {
                for (String n : r.notes) notes.add(r.label + ": " + n);
                if (r.peak != null && !r.peak.note().isEmpty()) notes.add(r.label + ": " + r.peak.note());
                if (r.peak != null && r.peak.hwmMb() > 0) notes.add(r.label + ": worker VmHWM (peak RSS since its restart) "
                        + fmt(r.peak.hwmMb()) + " MB at the end of this benchmark");
            }
            if (!notes.isEmpty()) {
                md.append("\nNotes:\n");
                for (String n : notes) md.append("- ").append(n).append('\n');
            }
        }

        md.append("\n## Connector settings\n\nAs sent to the worker (passwords masked). Worker: bin/stack's defaults "
                + "(offset.flush.interval.ms=2000, connector.client.config.override.policy=All), "
                + "heap ").append(machine.getOrDefault("worker heap", "1g")).append(".\n");
        for (Results.Benchmark b : benchmarks) {
            for (var e : b.settings.entrySet()) {
                md.append("\n<details><summary>").append(b.id).append(": ").append(e.getKey()).append("</summary>\n\n```properties\n")
                        .append(e.getValue()).append("\n```\n</details>\n");
            }
        }
        return md.toString();
    }

    private static String ratioCell(Results.Benchmark b, Results.SystemRun r, String metric, String against, double med) {
        if (r.system.equals(against) || r.system.startsWith("raw")) return "";
        Double other = median(b, against, metric);
        if (other == null || other == 0) return "";
        return String.format(Locale.ROOT, "%.2fx", med / other);
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", o.mode);
        params.put("rows", o.rows);
        params.put("runs", o.runs);
        params.put("warm-up runs per connector system (not reported)", o.warmupRuns);
        params.put("converter", o.converter);
        params.put("txRows", o.txRows);
        params.put("sourceBatch", o.sourceBatch);
        params.put("sourceQueue", o.sourceQueue);
        params.put("sinkBatch", o.sinkBatch);
        params.put("latencyRate", o.latencyRate);
        params.put("latencySeconds", o.latencySeconds);
        root.put("parameters", params);
        root.put("targets", targets());
        List<Object> list = new ArrayList<>();
        for (Results.Benchmark b : benchmarks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id);
            m.put("title", b.title);
            m.put("method", b.method);
            List<Object> systems = new ArrayList<>();
            for (Results.SystemRun r : b.systems) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("system", r.system);
                s.put("label", r.label);
                if (r.failure != null) s.put("failure", r.failure);
                Map<String, Object> metrics = new LinkedHashMap<>();
                r.metrics.forEach((k, v) -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("runs", v);
                    x.put("median", Results.Stats.median(v));
                    x.put("min", Results.Stats.min(v));
                    x.put("max", Results.Stats.max(v));
                    metrics.put(k, x);
                });
                s.put("metrics", metrics);
                if (r.peak != null) {
                    s.put("workerPeakRssMb", r.peak.rssMb());
                    s.put("workerVmHwmMb", r.peak.hwmMb());
                    s.put("workerPeakHeapMb", r.peak.heapMb());
                }
                s.put("notes", r.notes);
                systems.add(s);
            }
            m.put("systems", systems);
            m.put("settings", b.settings);
            list.add(m);
        }
        root.put("benchmarks", list);
        return root;
    }

    void write(Path md, Path json) throws IOException {
        Files.createDirectories(md.getParent());
        Files.writeString(md, markdown());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), json());
    }
}
