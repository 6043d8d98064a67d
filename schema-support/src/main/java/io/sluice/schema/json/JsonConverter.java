package io.sluice.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.schema.PerThread;
import io.sluice.schema.SluiceVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.DecimalFormat;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.StringConverterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop-in for Kafka's {@code org.apache.kafka.connect.json.JsonConverter}: same options, same bytes out, same
 * values in, several times faster with {@code schemas.enable=true}.
 *
 * <p>Kafka's converter builds a tree of JSON nodes for the schema and the payload of every record and serialises
 * both; on reading it parses both and looks the schema up by its tree. Change events carry schemas several times
 * larger than their payload, so that is where a CDC pipeline's worker spends most of its time. This converter
 * keeps the schema's JSON as bytes, once per schema, and streams only the payload:
 * <ul>
 *   <li>writing: the schema's bytes are looked up by the schema instance (by value for producers that build equal
 *       schemas anew) and copied, and the payload is written straight from the Connect value;</li>
 *   <li>reading: the schema's bytes in the record are compared with those seen before (the last one first) and the
 *       payload is read token by token into Connect values.</li>
 * </ul>
 * The first record of each schema is converted by Kafka's converter, whose output fixes the schema's bytes; this
 * converter's own result for that record is checked against Kafka's, and a schema where they differ is left to
 * Kafka's converter from then on (logged once). Every record the fast path does not cover (no schema, schemaless
 * JSON, byte buffers, maps with non-string keys, values Kafka's converter would coerce) and every error goes to
 * Kafka's converter, so its errors and messages are the ones users see.
 */
public class JsonConverter implements Converter, Versioned {

    private static final Logger LOG = LoggerFactory.getLogger(JsonConverter.class);
    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_PREFIX = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private final org.apache.kafka.connect.json.JsonConverter kafka = new org.apache.kafka.connect.json.JsonConverter();
    private final JsonFactory json = new JsonFactory();
    /** The buffer of the thread that converts (a worker gives each task its own converters). */
    private final PerThread<JsonBytes> outputs = new PerThread<>(() -> new JsonBytes(4096));

    private boolean schemasEnabled;
    private int cacheSize;
    private PayloadWriter writer;
    private PayloadReader reader;

    /** Schema instance → its JSON bytes; {@code null} bytes mean "leave this schema to Kafka's converter". */
    private final Map<Schema, WrittenSchema> writesByIdentity = new IdentityHashMap<>();
    private final Map<Schema, WrittenSchema> writesByValue = new HashMap<>();
    private volatile WrittenSchema lastWritten;
    /** Schema JSON bytes → Connect schema. */
    private final Map<SchemaBytes, ReadSchema> reads = new HashMap<>();
    private volatile ReadSchema lastRead;
    /** Records converted by the fast path; for tests. */
    long fastWrites;
    long fastReads;

    private record WrittenSchema(Schema schema, byte[] json, boolean fastPath, PayloadWriter.FieldNames names) {
    }

    private record ReadSchema(byte[] json, Schema schema, boolean fastPath) {
    }

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public ConfigDef config() {
        return JsonConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(StringConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        kafka.configure(configs, isKey);
        // Parsed without a JsonConverterConfig, which would log all values a second time.
        Map<String, Object> config = JsonConverterConfig.configDef().parse(withType);
        schemasEnabled = (Boolean) config.get(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG);
        cacheSize = (Integer) config.get(JsonConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG);
        boolean replaceNullWithDefault = (Boolean) config.get(JsonConverterConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG);
        boolean decimalsAsNumbers = DecimalFormat.NUMERIC.name().equalsIgnoreCase(
                (String) config.get(JsonConverterConfig.DECIMAL_FORMAT_CONFIG));
        writer = new PayloadWriter(decimalsAsNumbers, replaceNullWithDefault);
        reader = new PayloadReader(replaceNullWithDefault);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema == null) {
            return kafka.fromConnectData(topic, null, value);
        }
        WrittenSchema written = lastWritten;
        if (written == null || written.schema() != schema) {
            written = writtenSchema(schema);
            if (written == null) {
                return learnWrite(topic, schema, value);
            }
            lastWritten = written;
        }
        if (!written.fastPath()) {
            return kafka.fromConnectData(topic, schema, value);
        }
        try {
            byte[] bytes = write(written.json(), schema, value, written.names());
            fastWrites++;
            return bytes;
        } catch (RuntimeException e) {
            return kafka.fromConnectData(topic, schema, value);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null || !schemasEnabled) {
            return kafka.toConnectData(topic, value);
        }
        SchemaAndValue same = readWithLastSchema(value);
        if (same != null) {
            return same;
        }
        try (JsonParser in = json.createParser(value)) {
            if (in.nextToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME
                    || !"schema".equals(in.currentName()) || in.nextToken() != JsonToken.START_OBJECT) {
                return kafka.toConnectData(topic, value);
            }
            int start = (int) in.currentTokenLocation().getByteOffset();
            in.skipChildren();
            int end = (int) in.currentLocation().getByteOffset();
            ReadSchema known = readSchema(value, start, end);
            if (known == null) {
                return learnRead(topic, value, start, end);
            }
            if (!known.fastPath()) {
                return kafka.toConnectData(topic, value);
            }
            Object payload = readPayload(in, known.schema());
            if (payload == NotOnFastPath.INSTANCE) {
                return kafka.toConnectData(topic, value);
            }
            fastReads++;
            return new SchemaAndValue(known.schema(), payload);
        } catch (IOException | RuntimeException e) {
            return kafka.toConnectData(topic, value);
        }
    }

    /** Called by workers whose Converter interface is closeable (Kafka 4+). */
    public void close() {
        kafka.close();
    }

    // ---------- writing ----------

    private byte[] write(byte[] schemaJson, Schema schema, Object value, PayloadWriter.FieldNames names) {
        JsonBytes out = outputs.get();
        // A value that fails halfway leaves nothing behind: the next record starts from an empty buffer.
        out.reset();
        if (schemasEnabled) {
            // {"schema":<schema>,"payload":<payload>}, the schema's bytes copied as Kafka's converter wrote them.
            out.raw(SCHEMA_PREFIX);
            out.raw(schemaJson);
            out.raw(PAYLOAD_PREFIX);
            writer.write(out, schema, value, names);
            out.raw((byte) '}');
        } else {
            writer.write(out, schema, value, names);
        }
        return out.toByteArray();
    }

    private synchronized WrittenSchema writtenSchema(Schema schema) {
        WrittenSchema written = writesByIdentity.get(schema);
        if (written == null) {
            written = writesByValue.get(schema);
            if (written != null) {
                remember(writesByIdentity, schema, written);
            }
        }
        return written;
    }

    /** The first record of a schema: Kafka's converter writes it, and its bytes give the schema's JSON. */
    private byte[] learnWrite(String topic, Schema schema, Object value) {
        byte[] expected = kafka.fromConnectData(topic, schema, value);
        byte[] schemaJson = schemasEnabled ? schemaJson(expected) : new byte[0];
        PayloadWriter.FieldNames names = PayloadWriter.FieldNames.of(schema);
        boolean same = false;
        if (schemaJson != null) {
            try {
                same = Arrays.equals(expected, write(schemaJson, schema, value, names));
            } catch (RuntimeException e) {
                same = false;
            }
        }
        if (!same) {
            LOG.warn("Schema {} is written by Kafka's JsonConverter: the fast path's output differed for it",
                    Objects.requireNonNullElse(schema.name(), schema.type()));
        }
        WrittenSchema written = new WrittenSchema(schema, schemaJson, same, names);
        synchronized (this) {
            remember(writesByIdentity, schema, written);
            remember(writesByValue, schema, written);
        }
        return expected;
    }

    /** The bytes of the {@code schema} member of an envelope written by Kafka's converter, or null. */
    private byte[] schemaJson(byte[] envelope) {
        try (JsonParser in = json.createParser(envelope)) {
            if (in.nextToken() != JsonToken.START_OBJECT || in.nextToken() != JsonToken.FIELD_NAME
                    || !"schema".equals(in.currentName()) || in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int start = (int) in.currentTokenLocation().getByteOffset();
            in.skipChildren();
            int end = (int) in.currentLocation().getByteOffset();
            return Arrays.copyOfRange(envelope, start, end);
        } catch (IOException e) {
            return null;
        }
    }

    // ---------- reading ----------

    private ReadSchema readSchema(byte[] record, int start, int end) {
        ReadSchema last = lastRead;
        if (last != null && Arrays.equals(last.json(), 0, last.json().length, record, start, end)) {
            return last;
        }
        ReadSchema known;
        synchronized (this) {
            known = reads.get(new SchemaBytes(record, start, end));
        }
        if (known != null) {
            lastRead = known;
        }
        return known;
    }

    /**
     * The common case, a record written like the one before it: {@code {"schema":<the same bytes>,"payload":...}}.
     * The schema bytes are compared as bytes, without tokenising them, and only the payload is parsed. Null when
     * the record is not of that form, and the general path decides.
     */
    private SchemaAndValue readWithLastSchema(byte[] record) {
        ReadSchema last = lastRead;
        if (last == null || !last.fastPath()) {
            return null;
        }
        byte[] schemaJson = last.json();
        int schemaAt = SCHEMA_PREFIX.length;
        int payloadAt = schemaAt + schemaJson.length + PAYLOAD_PREFIX.length;
        if (record.length <= payloadAt || record[record.length - 1] != '}'
                || !Arrays.equals(record, 0, schemaAt, SCHEMA_PREFIX, 0, schemaAt)
                || !Arrays.equals(record, schemaAt, schemaAt + schemaJson.length, schemaJson, 0, schemaJson.length)
                || !Arrays.equals(record, payloadAt - PAYLOAD_PREFIX.length, payloadAt, PAYLOAD_PREFIX, 0,
                        PAYLOAD_PREFIX.length)) {
            return null;
        }
        try (JsonParser in = json.createParser(record, payloadAt, record.length - 1 - payloadAt)) {
            in.nextToken();
            Object payload = reader.read(in, last.schema());
            if (in.nextToken() != null) {
                return null;
            }
            fastReads++;
            return new SchemaAndValue(last.schema(), payload);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first record of a schema: Kafka's converter reads it, and fixes the schema for its bytes. */
    private SchemaAndValue learnRead(String topic, byte[] record, int start, int end) {
        SchemaAndValue expected = kafka.toConnectData(topic, record);
        boolean same = false;
        if (expected.schema() != null) {
            try (JsonParser in = json.createParser(record)) {
                in.nextToken();
                in.nextToken();
                in.nextToken();
                in.skipChildren();
                same = Objects.equals(expected.value(), readPayload(in, expected.schema()));
            } catch (IOException | RuntimeException e) {
                same = false;
            }
        }
        if (!same) {
            LOG.warn("Schema {} is read by Kafka's JsonConverter: the fast path's result differed for it",
                    expected.schema() == null ? "(none)" : Objects.requireNonNullElse(expected.schema().name(),
                            expected.schema().type()));
        }
        byte[] schemaJson = Arrays.copyOfRange(record, start, end);
        ReadSchema known = new ReadSchema(schemaJson, expected.schema(), same);
        synchronized (this) {
            remember(reads, new SchemaBytes(schemaJson, 0, schemaJson.length), known);
        }
        lastRead = known;
        return expected;
    }

    /**
     * Reads {@code ,"payload": value}} after the schema member; returns {@link NotOnFastPath#INSTANCE} when the
     * envelope has another shape.
     */
    private Object readPayload(JsonParser in, Schema schema) throws IOException {
        if (in.nextToken() != JsonToken.FIELD_NAME || !"payload".equals(in.currentName())) {
            return NotOnFastPath.INSTANCE;
        }
        in.nextToken();
        Object payload = reader.read(in, schema);
        if (in.nextToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
            return NotOnFastPath.INSTANCE;
        }
        return payload;
    }

    private <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= cacheSize) {
            cache.clear();
        }
        cache.put(key, value);
    }

    /** A range of bytes as a map key, compared by content. */
    private static final class SchemaBytes {
        private final byte[] bytes;
        private final int start;
        private final int end;
        private final int hash;

        SchemaBytes(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            int h = 1;
            for (int i = start; i < end; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaBytes that
                    && Arrays.equals(bytes, start, end, that.bytes, that.start, that.end);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
