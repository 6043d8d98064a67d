package io.sluice.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.storage.Converter;

/** The sink benchmarks' input: one topic of N insert envelopes, produced once and read by every sink. */
final class EnvelopeTopic {
    static final String SERVER = "benchsrc";
    static final String TABLE = "rows";

    private final BenchContext ctx;
    final String topic;
    private boolean produced;

    EnvelopeTopic(BenchContext ctx, String topic) {
        this.ctx = ctx;
        this.topic = topic;
    }

    /** Produces the topic on first call; later calls (the second sink benchmark) reuse it. */
    synchronized void ensureProduced() throws Exception {
        if (produced) return;
        BenchContext.log("sinks: producing " + ctx.options.rows + " envelopes to " + topic);
        produce(ctx.options.rows);
        produced = true;
    }

    synchronized void delete() {
        if (produced) ctx.topics.deleteTopics(List.of(topic));
        produced = false;
    }

    private void produce(long rows) throws Exception {
        Options o = ctx.options;
        ctx.topics.deleteTopics(List.of(topic));
        ConnectClient.sleep(1000);
        // One partition: the rows reach the sinks in id order, as one table's CDC stream does.
        ctx.topics.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Converter keys;
        Converter values;
        if (o.avro()) {
            keys = PluginConverters.avro(PluginConverters.schemaSupportLib(o.root), o.registryUrl, true);
            values = PluginConverters.avro(PluginConverters.schemaSupportLib(o.root), o.registryUrl, false);
        } else {
            keys = PluginConverters.json(true);
            values = PluginConverters.json(false);
        }
        Envelopes env = new Envelopes(SERVER, TABLE);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long id = 0; id < rows; id++) {
                byte[] k = keys.fromConnectData(topic, env.keySchema, env.key(id));
                byte[] v = values.fromConnectData(topic, env.envelopeSchema, env.insert(id));
                // The callback runs on the producer's thread: keep the first error and fail after flush().
                producer.send(new ProducerRecord<>(topic, 0, k, v), (md, e) -> {
                    if (e != null) failed.compareAndSet(null, e);
                });
            }
            producer.flush();
        }
        if (failed.get() != null) throw new BenchFailure("producing the sink topic failed", failed.get());
        long n = ctx.topics.count(topic);
        if (n != rows) throw new BenchFailure("sink topic " + topic + " holds " + n + " records, expected " + rows);
    }
}
