package io.sluice.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH (issue 3): serialising and deserialising one change event of the 10-column row with Sluice's
 * AvroConverter (Confluent wire format against the stack's registry), Sluice's JsonConverter and Connect's
 * JsonConverter, both with schemas.
 * The registry is asked once per schema; afterwards both converters run from their caches, which is what a
 * worker does in steady state. Properties: bench.root and bench.registry (set by ConverterRun).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConverterBenchmark {
    static final String TOPIC = "bench_converter";

    @Param({"json", "sluice-json", "avro"})
    public String converter;

    private Converter values;
    private Envelopes envelopes;
    private Struct[] events;
    private byte[] bytes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        envelopes = new Envelopes(EnvelopeTopic.SERVER, EnvelopeTopic.TABLE);
        Path lib = converter.equals("json") ? null : PluginConverters.schemaSupportLib(Path.of(System.getProperty("bench.root")));
        values = switch (converter) {
            case "json" -> PluginConverters.json(false);
            case "sluice-json" -> PluginConverters.sluiceJson(lib, false);
            default -> PluginConverters.avro(lib, System.getProperty("bench.registry"), false);
        };
        // Events are built before measuring, so that only the converter is timed.
        events = new Struct[1024];
        for (int i = 0; i < events.length; i++) events[i] = envelopes.insert(i);
        bytes = values.fromConnectData(TOPIC, envelopes.envelopeSchema, events[42]);
    }

    /** A different row each call (values differ, schema is the same), as a stream of inserts. */
    @Benchmark
    public byte[] serialise() {
        return values.fromConnectData(TOPIC, envelopes.envelopeSchema, events[next++ & 1023]);
    }

    @Benchmark
    public Object deserialise() {
        return values.toConnectData(TOPIC, bytes);
    }
}
