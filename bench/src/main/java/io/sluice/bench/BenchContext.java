package io.sluice.bench;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Everything the benchmarks share: options, databases, the worker, the broker, and the run's log. */
final class BenchContext implements AutoCloseable {
    final Options options;
    final PgDatabase pg;
    final MariaDatabase my;
    final ConnectClient connect;
    final TopicWatcher topics;
    final WorkerProbe worker;
    final ConnectorConfigs configs;
    /** Distinguishes this invocation's topics, slots and tables from earlier ones. */
    final String runTag;
    /** System.nanoTime() at which the current system's share of the time budget ends (Long.MAX_VALUE: no budget). */
    volatile long systemDeadline = Long.MAX_VALUE;
    /**
     * System.nanoTime() at which the current benchmark's slice ends: no run starts after it, and a run in progress
     * stops there and keeps what it measured, marked partial.
     */
    volatile long hardDeadline = Long.MAX_VALUE;

    BenchContext(Options options) {
        this.options = options;
        this.pg = new PgDatabase(options);
        this.my = new MariaDatabase(options);
        this.connect = new ConnectClient(options.connectUrl);
        this.topics = new TopicWatcher(options.kafka);
        this.worker = new WorkerProbe(options);
        this.configs = new ConnectorConfigs(options);
        this.runTag = Long.toString(System.currentTimeMillis() / 1000 % 100000, 36);
    }

    static void log(String msg) {
        System.out.println("[" + DateTimeFormatter.ISO_INSTANT.format(Instant.now()).substring(11, 19) + "] " + msg);
        System.out.flush();
    }

    interface RunBody {
        void run(int run, Results.SystemRun result) throws Exception;
    }

    /**
     * Runs one system's runs of a benchmark: samples the worker throughout when the system runs in it, and
     * turns an exception into the row's failure. The caller restarts the worker between systems.
     */
    void runSystem(Results.Benchmark bench, String system, String label, String connectorClass, RunBody body) {
        // Variants of a system ("raw-select", "sluice-ceiling") run with it.
        int variant = system.indexOf('-');
        if (!options.systems.contains(variant < 0 ? system : system.substring(0, variant))) return;
        Results.SystemRun result = bench.system(system, label);
        boolean inWorker = connectorClass != null;
        try {
            if (inWorker) {
                if (!connect.pluginInstalled(connectorClass)) {
                    throw new BenchFailure(connectorClass + " is not on the worker's plugin.path");
                }
                worker.start();
                // Unreported runs first: a 2-core worker spends seconds compiling a connector's hot paths (C2 took 7 of
                // 11 s of CPU in a first jdbc-source run), which says nothing about the connector's steady rate.
                for (int w = 1; w <= options.warmupRuns; w++) {
                    int run = options.runs + w;
                    log(bench.id + ": " + label + " warm-up run " + w + "/" + options.warmupRuns + " (not reported)");
                    body.run(run, new Results.SystemRun(system, label));
                }
                if (options.warmupRuns > 0) {
                    result.notes.add(options.warmupRuns + " warm-up run(s) before the measured ones, not reported");
                }
            }
            for (int run = 1; run <= options.runs; run++) {
                if (System.nanoTime() > hardDeadline) {
                    String why = "the time budget (--time-budget " + options.timeBudgetMinutes + " min) ran out";
                    if (run == 1) throw new BenchFailure("not run: " + why);
                    result.notes.add("only " + (run - 1) + " of " + options.runs + " runs: " + why);
                    log(bench.id + ": " + label + " stops after " + (run - 1) + " runs: " + why);
                    break;
                }
                log(bench.id + ": " + label + " run " + run + "/" + options.runs);
                body.run(run, result);
                log(bench.id + ": " + label + " run " + run + " -> " + result.metrics);
            }
        } catch (BenchFailure.BudgetExhausted e) {
            // Runs that finished before the budget ran out are real figures: keep them, say why the rest is missing.
            if (result.metrics.isEmpty()) result.failure = e.getMessage();
            else result.notes.add("a further run was stopped: " + e.getMessage());
            log(bench.id + ": " + label + " stopped by the time budget: " + e.getMessage());
        } catch (Exception e) {
            result.failure = BenchFailure.reasonOf(e);
            log(bench.id + ": " + label + " FAILED: " + result.failure);
        } finally {
            if (inWorker) {
                try {
                    result.peak = worker.stop();
                } catch (RuntimeException e) {
                    result.notes.add("worker peaks unavailable: " + BenchFailure.reasonOf(e));
                }
            }
        }
    }

    /** Notes a run that the time budget cut short; its rate covers only what arrived before. */
    void notePartial(Results.SystemRun r, int run, TopicWatcher.Progress p, long startCount, long target) {
        if (p.partial()) {
            r.notes.add("run " + run + " is partial: the time budget ran out after " + (p.lastCount() - startCount) + " of "
                    + (target - startCount) + "; its rate is over those");
        }
    }

    /** Deletes a connector, recording (not hiding) a failure to do so. */
    void deleteQuietly(String name, Results.SystemRun result) {
        try {
            connect.delete(name);
        } catch (RuntimeException e) {
            result.notes.add("cleanup: " + BenchFailure.reasonOf(e));
        }
    }

    @Override
    public void close() { topics.close(); }
}
