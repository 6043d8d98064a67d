package io.sluice.jdbc.source.query;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a table's copy has got to: the last incrementing value and/or timestamp copied. Stored in Connect's offset
 * topic under the keys below (the same keys Confluent's source uses); the timestamp keeps its nanoseconds so that
 * microsecond timestamps resume exactly.
 *
 * @param incrementing the incrementing column's value, or null
 * @param timestamp    the timestamp (first non-null timestamp column), or null
 */
public record SourceOffset(Long incrementing, Timestamp timestamp) {

    public static final String INCREMENTING_KEY = "incrementing";
    public static final String TIMESTAMP_KEY = "timestamp";
    public static final String TIMESTAMP_NANOS_KEY = "timestamp_nanos";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>(4);
        if (incrementing != null) {
            map.put(INCREMENTING_KEY, incrementing);
        }
        if (timestamp != null) {
            map.put(TIMESTAMP_KEY, timestamp.getTime());
            map.put(TIMESTAMP_NANOS_KEY, (long) timestamp.getNanos());
        }
        return map;
    }

    /** The offset stored in {@code map}, or null when nothing was stored. */
    public static SourceOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Long incrementing = asLong(map.get(INCREMENTING_KEY));
        Long millis = asLong(map.get(TIMESTAMP_KEY));
        Timestamp timestamp = null;
        if (millis != null) {
            timestamp = new Timestamp(millis);
            Long nanos = asLong(map.get(TIMESTAMP_NANOS_KEY));
            if (nanos != null) {
                timestamp.setNanos(nanos.intValue());
            }
        }
        return incrementing == null && timestamp == null ? null : new SourceOffset(incrementing, timestamp);
    }

    private static Long asLong(Object value) {
        // The JSON offset store hands back Integer for small numbers.
        return value instanceof Number number ? number.longValue() : null;
    }
}
