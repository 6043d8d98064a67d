package io.sluice.jdbc.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Connect's offset store, in memory: keeps the last committed offset per source partition and hands small numbers
 * back as Integer, as the JSON-backed store of a real worker does.
 */
final class OffsetStore implements OffsetStorageReader {

    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();

    synchronized void commit(SourceRecord record) {
        Map<String, Object> offset = new HashMap<>();
        record.sourceOffset().forEach((key, value) -> offset.put(key, asJsonNumber(value)));
        committed.put(Map.copyOf(record.sourcePartition()), offset);
    }

    private static Object asJsonNumber(Object value) {
        if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        return value;
    }

    @Override
    public synchronized <T> Map<String, Object> offset(Map<String, T> partition) {
        return committed.get(partition);
    }

    @Override
    public synchronized <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = committed.get(partition);
            if (offset != null) {
                found.put(partition, offset);
            }
        }
        return found;
    }
}
