package io.sluice.schema.json;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes a Connect value with a schema as the {@code payload} JSON of Kafka's {@code JsonConverter}, straight to
 * bytes ({@link JsonBytes}) instead of through a tree of nodes and a generator. Anything it does not handle the way
 * Kafka's converter does (a value without a schema, a {@code ByteBuffer}, a map with non-string keys) throws
 * {@link NotOnFastPath}, and the caller lets Kafka's converter do that record.
 */
final class PayloadWriter {

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private final boolean decimalsAsNumbers;
    private final boolean replaceNullWithDefault;

    PayloadWriter(boolean decimalsAsNumbers, boolean replaceNullWithDefault) {
        this.decimalsAsNumbers = decimalsAsNumbers;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * The field names of a schema's structs, each as the bytes {@code "name":}, quoted and encoded once per
     * schema: escaping the same names for every record, or looking them up, was a fifth of the writer's work.
     * Null for a schema without structs.
     */
    static final class FieldNames {
        private final byte[][] names;
        /** Per field of a struct, or [0] for the elements of an array or the values of a map. */
        private final FieldNames[] inner;

        private FieldNames(byte[][] names, FieldNames[] inner) {
            this.names = names;
            this.inner = inner;
        }

        static FieldNames of(Schema schema) {
            if (schema == null) {
                return null;
            }
            switch (schema.type()) {
                case STRUCT -> {
                    int n = schema.fields().size();
                    byte[][] names = new byte[n][];
                    FieldNames[] inner = new FieldNames[n];
                    for (Field field : schema.fields()) {
                        names[field.index()] = nameAndColon(field.name());
                        inner[field.index()] = of(field.schema());
                    }
                    return new FieldNames(names, inner);
                }
                case ARRAY, MAP -> {
                    FieldNames values = of(schema.valueSchema());
                    return values == null ? null : new FieldNames(new byte[0][], new FieldNames[] {values});
                }
                default -> {
                    return null;
                }
            }
        }

        private static byte[] nameAndColon(String name) {
            JsonBytes out = new JsonBytes(name.length() + 8);
            out.string(name);
            out.raw((byte) ':');
            return out.toByteArray();
        }
    }

    void write(JsonBytes out, Schema schema, Object value, FieldNames names) {
        if (schema == null) {
            throw NotOnFastPath.INSTANCE;
        }
        if (value == null) {
            writeNull(out, schema);
            return;
        }
        // Only these three types have logical kinds of Kafka's: the name is compared only for them.
        switch (schema.type()) {
            case INT8 -> out.number((int) (Byte) value);
            case INT16 -> out.number((int) (Short) value);
            case INT32 -> {
                if (schema.name() == null || !writeLogical(out, schema, schema.name(), value)) {
                    out.number((int) (Integer) value);
                }
            }
            case INT64 -> {
                if (schema.name() == null || !writeLogical(out, schema, schema.name(), value)) {
                    out.number((long) (Long) value);
                }
            }
            case FLOAT32 -> out.number((float) (Float) value);
            case FLOAT64 -> out.number((double) (Double) value);
            case BOOLEAN -> out.bool((Boolean) value);
            case STRING -> out.string(((CharSequence) value).toString());
            case BYTES -> {
                if (schema.name() != null && writeLogical(out, schema, schema.name(), value)) {
                    return;
                }
                if (!(value instanceof byte[] bytes)) {
                    throw NotOnFastPath.INSTANCE;
                }
                out.base64(bytes);
            }
            case ARRAY -> writeArray(out, schema, (Collection<?>) value, names);
            case MAP -> writeMap(out, schema, (Map<?, ?>) value, names);
            case STRUCT -> writeStruct(out, schema, (Struct) value, names);
            default -> throw NotOnFastPath.INSTANCE;
        }
    }

    private void writeNull(JsonBytes out, Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            write(out, schema, schema.defaultValue(), FieldNames.of(schema));
        } else if (schema.isOptional()) {
            out.nullValue();
        } else {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private boolean writeLogical(JsonBytes out, Schema schema, String logicalName, Object value) {
        switch (logicalName) {
            case Decimal.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.BYTES) {
                    return false;
                }
                BigDecimal decimal = (BigDecimal) value;
                if (decimalsAsNumbers) {
                    out.ascii(decimal.toString());
                } else {
                    out.base64(Decimal.fromLogical(schema, decimal));
                }
                return true;
            }
            case Date.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT32) {
                    return false;
                }
                out.number(epochDays(schema, (java.util.Date) value));
                return true;
            }
            case Time.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT32) {
                    return false;
                }
                out.number(millisOfDay(schema, (java.util.Date) value));
                return true;
            }
            case Timestamp.LOGICAL_NAME -> {
                if (schema.type() != Schema.Type.INT64) {
                    return false;
                }
                out.number(Timestamp.fromLogical(schema, (java.util.Date) value));
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

    private void writeArray(JsonBytes out, Schema schema, Collection<?> values, FieldNames names) {
        Schema elementSchema = schema.valueSchema();
        FieldNames elementNames = names == null ? null : names.inner[0];
        out.raw((byte) '[');
        boolean first = true;
        for (Object element : values) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            write(out, elementSchema, element, elementNames);
        }
        out.raw((byte) ']');
    }

    private void writeMap(JsonBytes out, Schema schema, Map<?, ?> map, FieldNames names) {
        if (schema.keySchema().type() != Schema.Type.STRING || schema.keySchema().name() != null) {
            throw NotOnFastPath.INSTANCE;
        }
        Schema valueSchema = schema.valueSchema();
        FieldNames valueNames = names == null ? null : names.inner[0];
        out.raw((byte) '{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof CharSequence key)) {
                throw NotOnFastPath.INSTANCE;
            }
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.string(key.toString());
            out.raw((byte) ':');
            write(out, valueSchema, entry.getValue(), valueNames);
        }
        out.raw((byte) '}');
    }

    private void writeStruct(JsonBytes out, Schema schema, Struct struct, FieldNames names) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
        }
        if (names == null) {
            names = FieldNames.of(schema);
        }
        out.raw((byte) '{');
        for (Field field : schema.fields()) {
            int i = field.index();
            if (i > 0) {
                out.raw((byte) ',');
            }
            out.raw(names.names[i]);
            write(out, field.schema(), replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name()),
                    names.inner[i]);
        }
        out.raw((byte) '}');
    }
}
