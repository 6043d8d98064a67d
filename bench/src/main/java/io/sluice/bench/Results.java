package io.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a benchmark measured: per system, each metric's value in every run, the worker's peaks, or why it failed. */
final class Results {
    private Results() {}

    static final class Benchmark {
        final String id;
        final String title;
        final String method;
        final List<SystemRun> systems = new ArrayList<>();
        final Map<String, String> settings = new LinkedHashMap<>();

        Benchmark(String id, String title, String method) {
            this.id = id;
            this.title = title;
            this.method = method;
        }

        SystemRun system(String system, String label) {
            SystemRun s = new SystemRun(system, label);
            systems.add(s);
            return s;
        }

        SystemRun find(String system) {
            return systems.stream().filter(s -> s.system.equals(system)).findFirst().orElse(null);
        }
    }

    static final class SystemRun {
        final String system;
        final String label;
        /** metric name ("rows/s", "p99 ms", ...) to its value in each run, in run order. */
        final Map<String, List<Double>> metrics = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        String failure;
        WorkerProbe.Peak peak;

        SystemRun(String system, String label) {
            this.system = system;
            this.label = label;
        }

        void add(String metric, double value) { metrics.computeIfAbsent(metric, k -> new ArrayList<>()).add(value); }

        boolean ok() { return failure == null && !metrics.isEmpty(); }

        Double median(String metric) {
            List<Double> v = metrics.get(metric);
            return v == null || v.isEmpty() || failure != null ? null : Stats.median(v);
        }
    }

    /** Median, min and max of a handful of runs. */
    static final class Stats {
        private Stats() {}

        static double median(List<Double> values) {
            double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = a.length;
            return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0;
        }

        static double min(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

        static double max(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }

        /** Nearest-rank percentile of raw samples (q in 0..100). */
        static double percentile(double[] sorted, double q) {
            if (sorted.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(q / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        static double[] sorted(double[] a) {
            double[] c = a.clone();
            Arrays.sort(c);
            return c;
        }
    }
}
