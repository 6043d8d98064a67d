package io.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning, as raw records, with helpers to decode JSON-converter output. */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicReader(String bootstrapServers, String topic, boolean readCommittedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommittedOnly ? "read_committed" : "read_uncommitted");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads until {@code count} records arrived or the timeout passed; returns what arrived. */
    public List<ConsumerRecord<byte[], byte[]>> read(int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** One poll: whatever arrives within {@code wait}. */
    public List<ConsumerRecord<byte[], byte[]>> poll(Duration wait) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        consumer.poll(wait).forEach(records::add);
        return records;
    }

    /** Keeps reading until nothing new arrives for {@code quiet}; returns everything read. */
    public List<ConsumerRecord<byte[], byte[]>> readUntilQuiet(Duration quiet, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Instant lastArrival = Instant.now();
        while (Instant.now().isBefore(deadline) && Instant.now().isBefore(lastArrival.plus(quiet))) {
            var batch = consumer.poll(Duration.ofMillis(200));
            if (!batch.isEmpty()) {
                batch.forEach(records::add);
                lastArrival = Instant.now();
            }
        }
        return records;
    }

    /** The payload of a JsonConverter message (with or without the schema wrapper); null for a tombstone. */
    public static JsonNode payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node.has("schema") && node.has("payload") ? node.get("payload") : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> asMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
