package io.sluice.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs ConverterBenchmark through JMH's API (one fork, 2 warm-up iterations, one measured iteration per
 * bench run) and files records/s per converter and direction into the report. Avro fails with a reason when
 * the AvroConverter is not in the schema-support plugin yet; JSON still runs.
 */
final class ConverterRun implements Benchmark {
    private final BenchContext ctx;
    private final Results.Benchmark result;

    ConverterRun(BenchContext ctx) {
        this.ctx = ctx;
        this.result = new Results.Benchmark("converter", "Converters, one 10-column change event (records/s, one thread)",
                "JMH 1.37, 1 fork, 2 x 2 s warm-up, " + ctx.options.runs + " x 3 s measured iterations (each iteration is one \"run\"), "
                        + "Throughput mode, one thread. serialise = fromConnectData of one of 1024 pre-built insert envelopes per call; "
                        + "deserialise = toConnectData of one encoded envelope. Avro = Sluice AvroConverter with the stack's registry "
                        + "(schema registered on first use, cached after); JSON = Connect JsonConverter, Sluice JSON = Sluice's "
                        + "JsonConverter (same bytes), both schemas.enable=true.");
    }

    @Override
    public Results.Benchmark result() { return result; }

    @Override
    public void run(String system) {
        if (!system.equals("sluice")) return;
        // Avro is checked first so that a missing converter is a clear row, not a JMH stack trace.
        String avroProblem = null;
        try {
            PluginConverters.avro(PluginConverters.schemaSupportLib(ctx.options.root), ctx.options.registryUrl, false);
        } catch (RuntimeException e) {
            avroProblem = BenchFailure.reasonOf(e);
        }
        for (String conv : new String[] {"json", "sluice-json", "avro"}) {
            for (String dir : new String[] {"serialise", "deserialise"}) {
                String label = switch (conv) {
                    case "json" -> "Connect JsonConverter (schemas on)";
                    case "sluice-json" -> "Sluice JsonConverter (schemas on)";
                    default -> "Sluice AvroConverter";
                } + " " + dir;
                Results.SystemRun r = result.system(conv + "-" + dir, label);
                if (conv.equals("avro") && avroProblem != null) {
                    r.failure = avroProblem;
                    continue;
                }
                try {
                    Collection<RunResult> runs = new Runner(new OptionsBuilder()
                            .include(ConverterBenchmark.class.getName() + "\\." + dir + "$")
                            .param("converter", conv)
                            .forks(1)
                            .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                            .measurementIterations(ctx.options.runs).measurementTime(TimeValue.seconds(3))
                            .jvmArgsAppend("-Dbench.root=" + ctx.options.root, "-Dbench.registry=" + ctx.options.registryUrl)
                            .shouldFailOnError(true)
                            .build()).run();
                    for (RunResult rr : runs) {
                        rr.getBenchmarkResults().forEach(br -> br.getIterationResults()
                                .forEach(it -> r.add("records/s", it.getPrimaryResult().getScore())));
                    }
                    if (!r.ok()) r.failure = "JMH returned no result";
                } catch (Exception e) {
                    r.failure = BenchFailure.reasonOf(e);
                }
                BenchContext.log("converter: " + label + " -> " + (r.failure == null ? r.metrics : r.failure));
            }
        }
        for (String dir : new String[] {"serialise", "deserialise"}) {
            Results.SystemRun json = result.find("json-" + dir);
            for (String conv : new String[] {"sluice-json", "avro"}) {
                Results.SystemRun ours = result.find(conv + "-" + dir);
                if (json != null && ours != null && json.ok() && ours.ok()) {
                    ours.notes.add(String.format(java.util.Locale.ROOT, "%s: %s / Connect JSON = %.2fx (medians)", dir, conv,
                            ours.median("records/s") / json.median("records/s")));
                }
            }
        }
    }
}
