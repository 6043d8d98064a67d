package io.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One change event read back from a topic written with the JSON converter (schemas off or on). */
public record ChangeEvent(JsonNode key, JsonNode value, long offset) {

    public static List<ChangeEvent> fromJson(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            events.add(new ChangeEvent(TopicReader.payload(record.key()), TopicReader.payload(record.value()),
                    record.offset()));
        }
        return events;
    }

    public boolean isTombstone() {
        return value == null || value.isNull();
    }

    public String op() {
        return isTombstone() ? null : value.path("op").asText();
    }

    public JsonNode after() {
        return value.path("after");
    }

    public JsonNode before() {
        return value.path("before");
    }

    public JsonNode source() {
        return value.path("source");
    }
}
