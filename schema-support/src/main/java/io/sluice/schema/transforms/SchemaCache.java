package io.sluice.schema.transforms;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/**
 * Derived schemas per input schema. Looks up by instance first (cheap; sources reuse schema instances), then by
 * value (Connect schemas hash deeply, so that is done once per new instance). Bounded: cleared when full.
 */
final class SchemaCache<V> {

    private static final int MAX_ENTRIES = 1000;

    private final Map<Schema, V> byIdentity = new IdentityHashMap<>();
    private final Map<Schema, V> byValue = new HashMap<>();

    synchronized V get(Schema schema, Function<Schema, V> compute) {
        V value = byIdentity.get(schema);
        if (value != null) {
            return value;
        }
        value = byValue.get(schema);
        if (value == null) {
            if (byValue.size() >= MAX_ENTRIES) {
                byValue.clear();
            }
            value = compute.apply(schema);
            byValue.put(schema, value);
        }
        if (byIdentity.size() >= MAX_ENTRIES) {
            byIdentity.clear();
        }
        byIdentity.put(schema, value);
        return value;
    }
}
