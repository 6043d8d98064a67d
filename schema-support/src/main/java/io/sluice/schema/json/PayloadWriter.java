package io.sluice.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes a Connect value with a schema as the {@code payload} JSON of Kafka's {@code JsonConverter}, straight to a
 * generator instead of through a tree of nodes. Anything it does not handle the way Kafka's converter does (a
 * value without a schema, a {@code ByteBuffer}, a map with non-string keys) throws {@link NotOnFastPath}, and the
 * caller lets Kafka's converter do that record.
 */
final class PayloadWriter {

    /** Field names seen, kept quoted and encoded: escaping the same names for every record was a fifth of the work. */
    private static final int MAX_CACHED_NAMES = 10_000;
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private final boolean decimalsAsNumbers;
    private final boolean replaceNullWithDefault;
    private final Map<String, SerializedString> names = new ConcurrentHashMap<>();

    PayloadWriter(boolean decimalsAsNumbers, boolean replaceNullWithDefault) {
        this.decimalsAsNumbers = decimalsAsNumbers;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    void write(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (schema == null) {
            throw NotOnFastPath.INSTANCE;
        }
        if (value == null) {
            writeNull(out, schema);
            return;
        }
        // Only these three types have logical kinds of Kafka's: the name is compared only for them.
        switch (schema.type()) {
            case INT8 -> out.writeNumber((int) (Byte) value);
            case INT16 -> out.writeNumber((short) (Short) value);
            case INT32 -> {
                if (schema.name() == null || !writeLogical(out, schema, schema.name(), value)) {
                    out.writeNumber((int) (Integer) value);
                }
            }
            case INT64 -> {
                if (schema.name() == null || !writeLogical(out, schema, schema.name(), value)) {
                    out.writeNumber((long) (Long) value);
                }
            }
            case FLOAT32 -> out.writeNumber((float) (Float) value);
            case FLOAT64 -> out.writeNumber((double) (Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case STRING -> out.writeString(((CharSequence) value).toString());
            case BYTES -> {
                if (schema.name() != null && writeLogical(out, schema, schema.name(), value)) {
                    return;
                }
                if (!(value instanceof byte[] bytes)) {
                    throw NotOnFastPath.INSTANCE;
                }
                out.writeBinary(bytes);
            }
            case ARRAY -> writeArray(out, schema, (Collection<?>) value);
            case MAP -> writeMap(out, schema, (Map<?, ?>) value);
            case STRUCT -> writeStruct(out, schema, (Struct) value);
            default -> throw NotOnFastPath.INSTANCE;
        }
    }

    private void writeNull(JsonGenerator out, Schema schema) throws IOException {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            write(out, schema, schema.defaultValue());
        } else if (schema.isOptional()) {
            out.writeNull();
        } else {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private boolean writeLogical(JsonGenerator out, Schema schema, String logicalName, Object value) throws IOException {
        switch (logicalName) {
            case Decimal.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.BYTES) {
                    return false;
                }
                BigDecimal decimal = (BigDecimal) value;
                if (decimalsAsNumbers) {
                    out.writeNumber(decimal);
                } else {
                    out.writeBinary(Decimal.fromLogical(schema, decimal));
                }
                return true;
            }
            case Date.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT32) {
                    return false;
                }
                out.writeNumber(epochDays(schema, (java.util.Date) value));
                return true;
            }
            case Time.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT32) {
                    return false;
                }
                out.writeNumber(millisOfDay(schema, (java.util.Date) value));
                return true;
            }
            case Timestamp.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT64) {
                    return false;
                }
                out.writeNumber(Timestamp.fromLogical(schema, (java.util.Date) value));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Kafka's {@code Date.fromLogical} without the Calendar it builds per value (5% of a jdbc-source task's time):
     * a UTC midnight is a whole number of days. Anything else goes to Kafka's method, which refuses it.
     */
    private static int epochDays(Schema schema, java.util.Date value) {
        long millis = value.getTime();
        if (millis % MILLIS_PER_DAY == 0) {
            return (int) (millis / MILLIS_PER_DAY);
        }
        return Date.fromLogical(schema, value);
    }

    /** Kafka's {@code Time.fromLogical} likewise: a time of day is 0 to 86,400,000 ms after the epoch. */
    private static int millisOfDay(Schema schema, java.util.Date value) {
        long millis = value.getTime();
        if (millis >= 0 && millis <= MILLIS_PER_DAY) {
            return (int) millis;
        }
        return Time.fromLogical(schema, value);
    }

    private void writeArray(JsonGenerator out, Schema schema, Collection<?> values) throws IOException {
        Schema elementSchema = schema.valueSchema();
        out.writeStartArray();
        for (Object element : values) {
            write(out, elementSchema, element);
        }
        out.writeEndArray();
    }

    private void writeMap(JsonGenerator out, Schema schema, Map<?, ?> map) throws IOException {
        if (schema.keySchema().type() != Schema.Type.STRING || schema.keySchema().name() != null) {
            throw NotOnFastPath.INSTANCE;
        }
        Schema valueSchema = schema.valueSchema();
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof CharSequence key)) {
                throw NotOnFastPath.INSTANCE;
            }
            out.writeFieldName(key.toString());
            write(out, valueSchema, entry.getValue());
        }
        out.writeEndObject();
    }

    private SerializedString name(String name) {
        SerializedString encoded = names.get(name);
        if (encoded == null) {
            encoded = new SerializedString(name);
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(name, encoded);
            }
        }
        return encoded;
    }

    private void writeStruct(JsonGenerator out, Schema schema, Struct struct) throws IOException {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
        }
        out.writeStartObject();
        for (Field field : schema.fields()) {
            out.writeFieldName(name(field.name()));
            write(out, field.schema(), replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name()));
        }
        out.writeEndObject();
    }
}
