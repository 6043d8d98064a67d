package io.sluice.schema.avro;

import io.sluice.schema.PerThread;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Converts Connect data to Avro in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary) and back, with schemas kept in a Confluent-compatible schema registry.
 *
 * <p>Serialising a record costs one identity lookup of its schema, one lookup of the subject's id and a
 * direct write of the value into a reused buffer; schemas are translated and registered once.
 */
public class AvroConverter implements Converter {

    private static final byte MAGIC_BYTE = 0;
    private static final int HEADER_SIZE = 5;

    private RegistryClient registry;
    private boolean isKey;
    private boolean autoRegister;
    private boolean useLatestVersion;
    private boolean connectMetaData;
    private SubjectNameStrategy subjectNames;
    private int cacheSize;

    /** Connect schema instance → translation; the fast path for producers that reuse schema instances. */
    private final Map<Schema, WriteEntry> writesByIdentity = new IdentityHashMap<>();
    /** Connect schema by value → translation; for producers that build equal schemas anew. */
    private final Map<Schema, WriteEntry> writesByValue = new HashMap<>();
    private final Map<Integer, AvroReader> readsById = new HashMap<>();

    /** The writing and reading buffers of the thread that converts (a worker gives each task its own converters). */
    private final PerThread<Output> outputs = new PerThread<>(Output::new);
    private final PerThread<Input> inputs = new PerThread<>(Input::new);

    public AvroConverter() {
    }

    /** A converter that uses the given registry client; for tests and embedding. */
    public AvroConverter(RegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public ConfigDef config() {
        return AvroConverterConfig.CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroConverterConfig config = new AvroConverterConfig(configs);
        this.isKey = isKey;
        this.autoRegister = config.getBoolean(AvroConverterConfig.AUTO_REGISTER_SCHEMAS_CONFIG);
        this.useLatestVersion = config.getBoolean(AvroConverterConfig.USE_LATEST_VERSION_CONFIG);
        this.connectMetaData = config.getBoolean(AvroConverterConfig.CONNECT_META_DATA_CONFIG);
        this.subjectNames = config.subjectNameStrategy(isKey);
        this.cacheSize = config.getInt(AvroConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG);
        if (registry == null) {
            registry = new RegistryClient(config.registryUrls(), config.authorization(), config.sslContext(),
                    config.connectTimeout(), config.readTimeout());
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("The Avro converter needs a schema for the " + (isKey ? "key" : "value")
                    + " of a record for topic " + topic + "; this record has none");
        }
        WriteEntry entry = writeEntry(schema);
        Target target = entry.target(topic);
        Output out = outputs.get();
        out.reset();
        out.write(MAGIC_BYTE);
        out.writeInt(target.id);
        try {
            // Buffered: numbers are encoded into the encoder's array, not byte by byte through the stream.
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
            out.encoder = encoder;
            target.writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new DataException("Cannot write Avro for topic " + topic, e);
        } catch (ClassCastException e) {
            throw new DataException("A value of the " + (isKey ? "key" : "value") + " for topic " + topic
                    + " does not have the Java type its schema " + schema.name() + " requires: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        if (value.length < HEADER_SIZE || value[0] != MAGIC_BYTE) {
            throw new DataException("The " + (isKey ? "key" : "value") + " of a record in topic " + topic
                    + " is not in the Confluent Avro wire format: it "
                    + (value.length == 0 ? "is empty" : "starts with byte 0x" + String.format("%02x", value[0] & 0xff)
                            + (value.length < HEADER_SIZE ? " and has only " + value.length + " bytes" : ""))
                    + " where a magic byte 0 and a 4-byte schema id are expected. Was it written by another converter "
                    + "(JSON, String, or Avro without a registry)?");
        }
        int id = ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
        AvroReader reader = reader(id, topic);
        Input input = inputs.get();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, HEADER_SIZE, value.length - HEADER_SIZE,
                input.decoder);
        input.decoder = decoder;
        try {
            Object connect = reader.read(decoder);
            return new SchemaAndValue(reader.connectSchema(), connect);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException dataException) {
                throw dataException;
            }
            throw new DataException("Cannot read the Avro " + (isKey ? "key" : "value") + " of a record in topic "
                    + topic + " with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ caches

    private WriteEntry writeEntry(Schema schema) {
        synchronized (writesByIdentity) {
            WriteEntry entry = writesByIdentity.get(schema);
            if (entry != null) {
                return entry;
            }
            entry = writesByValue.get(schema);
            if (entry == null) {
                if (writesByValue.size() >= cacheSize) {
                    writesByValue.clear();
                }
                org.apache.avro.Schema avro = AvroSchemas.toAvro(schema, connectMetaData);
                entry = new WriteEntry(schema, avro);
                writesByValue.put(schema, entry);
            }
            if (writesByIdentity.size() >= cacheSize) {
                writesByIdentity.clear();
            }
            writesByIdentity.put(schema, entry);
            return entry;
        }
    }

    private AvroReader reader(int id, String topic) {
        synchronized (readsById) {
            AvroReader reader = readsById.get(id);
            if (reader == null) {
                String text = registry.schemaById(id);
                org.apache.avro.Schema avro;
                try {
                    avro = new org.apache.avro.Schema.Parser().parse(text);
                } catch (org.apache.avro.SchemaParseException e) {
                    throw new DataException("The schema registry's schema " + id + " (read for topic " + topic
                            + ") is not a valid Avro schema: " + e.getMessage(), e);
                }
                reader = AvroReader.compile(avro);
                if (readsById.size() >= cacheSize) {
                    readsById.clear();
                }
                readsById.put(id, reader);
            }
            return reader;
        }
    }

    /** Where and how records of one Connect schema go: per subject, the schema id and the writing plan. */
    private final class WriteEntry {
        private final Schema connect;
        private final org.apache.avro.Schema avro;
        private final String avroText;
        private final AvroWriter ownWriter;
        private final Map<String, Target> byTopic = new LinkedHashMap<>();

        WriteEntry(Schema connect, org.apache.avro.Schema avro) {
            this.connect = connect;
            this.avro = avro;
            this.avroText = avro.toString();
            this.ownWriter = AvroWriter.compile(connect, avro);
        }

        synchronized Target target(String topic) {
            Target target = byTopic.get(topic);
            if (target == null) {
                target = resolve(subjectNames.subject(topic, isKey, avro));
                byTopic.put(topic, target);
            }
            return target;
        }

        private Target resolve(String subject) {
            if (autoRegister) {
                return new Target(registry.register(subject, avroText), ownWriter);
            }
            if (useLatestVersion) {
                RegistryClient.SubjectSchema latest = registry.latest(subject);
                org.apache.avro.Schema registered = new org.apache.avro.Schema.Parser().parse(latest.schema());
                AvroWriter writer = registered.equals(avro) ? ownWriter : AvroWriter.compile(connect, registered);
                return new Target(latest.id(), writer);
            }
            try {
                return new Target(registry.lookup(subject, avroText), ownWriter);
            } catch (RegistryClient.RegistryRefusal e) {
                if (e.status() != 404) {
                    throw e;
                }
                throw new DataException("The schema of " + connect.name() + " is not registered under subject "
                        + subject + " and " + AvroConverterConfig.AUTO_REGISTER_SCHEMAS_CONFIG + "=false: register it "
                        + "first, or set " + AvroConverterConfig.USE_LATEST_VERSION_CONFIG + "=true to write in the "
                        + "subject's latest schema (" + e.getMessage() + ")", e);
            }
        }
    }

    private record Target(int id, AvroWriter writer) {
    }

    /** The decoder reused for every record a thread reads. */
    private static final class Input {
        private BinaryDecoder decoder;
    }

    /** A growable byte buffer reused for every record of a thread; only the final copy is allocated. */
    private static final class Output extends OutputStream {
        private byte[] buffer = new byte[1024];
        private int size;
        private BinaryEncoder encoder;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        void writeInt(int value) {
            ensure(4);
            buffer[size++] = (byte) (value >>> 24);
            buffer[size++] = (byte) (value >>> 16);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }
}
