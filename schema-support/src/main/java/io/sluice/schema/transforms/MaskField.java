package io.sluice.schema.transforms;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Masks PII columns: replaces the values of the named fields by a salted hash (so equal values still join and
 * group, but cannot be read back) or by a fixed replacement. Works on plain rows and on change events, where the
 * fields are masked inside {@code before} and {@code after}; schemas are unchanged. Use {@code MaskField$Value}
 * or {@code MaskField$Key}.
 */
public abstract class MaskField<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String FIELDS_CONFIG = "fields";
    public static final String MODE_CONFIG = "mode";
    public static final String HASH_SALT_CONFIG = "hash.salt";
    public static final String HASH_ALGORITHM_CONFIG = "hash.algorithm";
    public static final String REPLACEMENT_CONFIG = "replacement";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString() {
                @Override
                public void ensureValid(String name, Object value) {
                    if (value == null || ((List<?>) value).isEmpty()) {
                        throw new ConfigException(name, value, "Name at least one field to mask");
                    }
                }

                @Override
                public String toString() {
                    return "non-empty list of field names";
                }
            }, ConfigDef.Importance.HIGH,
                    "Names of the fields to mask. In change events they are masked in both before and after.")
            .define(MODE_CONFIG, ConfigDef.Type.STRING, "hash", ConfigDef.CaseInsensitiveValidString.in("hash", "replace"),
                    ConfigDef.Importance.HIGH,
                    "'hash': replace string fields by the hex digest of salt + value, bytes fields by the raw digest "
                            + "(other types are refused). 'replace': replace strings by 'replacement', numbers by 0, "
                            + "booleans by false, bytes by empty, other optional values by null.")
            .define(HASH_SALT_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "Secret salt mixed into every hash; required in hash mode, since unsalted hashes of names, "
                            + "e-mails or phone numbers are easily reversed by trying candidates.")
            .define(HASH_ALGORITHM_CONFIG, ConfigDef.Type.STRING, "SHA-256",
                    ConfigDef.ValidString.in("SHA-256", "SHA-384", "SHA-512"), ConfigDef.Importance.LOW,
                    "Digest algorithm of hash mode.")
            .define(REPLACEMENT_CONFIG, ConfigDef.Type.STRING, "****", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.LOW,
                    "Text that replaces string values in replace mode.");

    private Set<String> fields;
    private boolean hash;
    private byte[] salt;
    private String algorithm;
    private String replacement;
    private final ThreadLocal<MessageDigest> digests = new ThreadLocal<>();
    private final SchemaCache<Set<Field>> maskedFields = new SchemaCache<>();

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        fields = new HashSet<>(config.getList(FIELDS_CONFIG));
        hash = "hash".equalsIgnoreCase(config.getString(MODE_CONFIG));
        algorithm = config.getString(HASH_ALGORITHM_CONFIG);
        replacement = config.getString(REPLACEMENT_CONFIG);
        Password saltPassword = config.getPassword(HASH_SALT_CONFIG);
        if (hash && (saltPassword == null || saltPassword.value().isEmpty())) {
            throw new ConfigException(HASH_SALT_CONFIG, "[hidden]", "hash mode needs a secret salt");
        }
        salt = saltPassword == null ? new byte[0] : saltPassword.value().getBytes(StandardCharsets.UTF_8);
        digest();
    }

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Object value);

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        if (value == null) {
            return record;
        }
        if (value instanceof Struct struct) {
            Struct envelope = struct;
            Schema schema = envelope.schema();
            if (schema.field("op") != null && schema.field("before") != null && schema.field("after") != null) {
                Struct copy = copy(envelope);
                copy.put("before", maskStruct(envelope.getStruct("before")));
                copy.put("after", maskStruct(envelope.getStruct("after")));
                return newRecord(record, copy);
            }
            return newRecord(record, maskStruct(struct));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new HashMap<>(map);
            for (String field : fields) {
                if (masked.containsKey(field) && masked.get(field) != null) {
                    masked.put(field, maskSchemaless(field, masked.get(field)));
                }
            }
            return newRecord(record, masked);
        }
        return record;
    }

    private Struct maskStruct(Struct row) {
        if (row == null) {
            return null;
        }
        Set<Field> masked = maskedFields.get(row.schema(), schema -> {
            Set<Field> found = new HashSet<>();
            for (Field field : schema.fields()) {
                if (fields.contains(field.name())) {
                    found.add(field);
                }
            }
            return found;
        });
        if (masked.isEmpty()) {
            return row;
        }
        Struct copy = copy(row);
        for (Field field : masked) {
            Object value = row.get(field);
            if (value != null) {
                copy.put(field, mask(field, value));
            }
        }
        return copy;
    }

    private static Struct copy(Struct struct) {
        Struct copy = new Struct(struct.schema());
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (value != null) {
                copy.put(field, value);
            }
        }
        return copy;
    }

    private Object mask(Field field, Object value) {
        Schema schema = field.schema();
        if (hash) {
            switch (schema.type()) {
                case STRING:
                    return hex(digest(value.toString().getBytes(StandardCharsets.UTF_8)));
                case BYTES:
                    if (!Decimal.LOGICAL_NAME.equals(schema.name())) {
                        return digest(value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value);
                    }
                    break;
                default:
                    break;
            }
            throw new DataException("Field " + field.name() + " is " + schema.type()
                    + (schema.name() == null ? "" : " " + schema.name()) + "; hash mode masks only strings and bytes, "
                    + "use mode=replace for it");
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return BigDecimal.ZERO.setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)));
        }
        switch (schema.type()) {
            case STRING:
                return replacement;
            case BYTES:
                return new byte[0];
            case INT8:
                return (byte) 0;
            case INT16:
                return (short) 0;
            case INT32:
                return schema.name() != null && value instanceof java.util.Date ? new java.util.Date(0) : 0;
            case INT64:
                return schema.name() != null && value instanceof java.util.Date ? new java.util.Date(0) : 0L;
            case FLOAT32:
                return 0f;
            case FLOAT64:
                return 0d;
            case BOOLEAN:
                return false;
            default:
                if (schema.isOptional()) {
                    return null;
                }
                throw new DataException("Field " + field.name() + " is a required " + schema.type()
                        + "; replace mode cannot mask it");
        }
    }

    private Object maskSchemaless(String field, Object value) {
        if (hash) {
            if (value instanceof String text) {
                return hex(digest(text.getBytes(StandardCharsets.UTF_8)));
            }
            if (value instanceof byte[] bytes) {
                return digest(bytes);
            }
            throw new DataException("Field " + field + " holds a " + value.getClass().getSimpleName()
                    + "; hash mode masks only strings and bytes");
        }
        if (value instanceof String) {
            return replacement;
        }
        if (value instanceof Number) {
            return 0;
        }
        if (value instanceof Boolean) {
            return false;
        }
        return null;
    }

    private byte[] digest(byte[] value) {
        MessageDigest digest = digest();
        digest.reset();
        digest.update(salt);
        return digest.digest(value);
    }

    private MessageDigest digest() {
        MessageDigest digest = digests.get();
        if (digest == null) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new ConfigException(HASH_ALGORITHM_CONFIG, algorithm, "not available in this JVM: " + e.getMessage());
            }
            digests.set(digest);
        }
        return digest;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }

    /** Masks fields of the record key. */
    public static class Key<R extends ConnectRecord<R>> extends MaskField<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), value,
                    record.valueSchema(), record.value(), record.timestamp(), record.headers());
        }
    }

    /** Masks fields of the record value. */
    public static class Value<R extends ConnectRecord<R>> extends MaskField<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), value, record.timestamp(), record.headers());
        }
    }
}
