package io.sluice.schema.avro;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.Encoder;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes Connect values straight into Avro binary, following a plan compiled once per pair of Connect schema and
 * Avro schema: no GenericRecord in between, no per-record schema lookups. Record fields are matched by name, so a
 * value can also be written in a newer registered Avro schema whose extra fields have null defaults.
 */
final class AvroWriter {

    /** Writes one value; {@code value} is never null for non-union schemas (checked by the caller plan). */
    interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    private final ValueWriter root;

    private AvroWriter(ValueWriter root) {
        this.root = root;
    }

    static AvroWriter compile(Schema connect, org.apache.avro.Schema avro) {
        return new AvroWriter(writer(connect, avro, "value"));
    }

    void write(Object value, Encoder out) throws IOException {
        root.write(value, out);
    }

    private static ValueWriter writer(Schema connect, org.apache.avro.Schema avro, String path) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            int nullIndex = -1;
            int valueIndex = -1;
            List<org.apache.avro.Schema> branches = avro.getTypes();
            for (int i = 0; i < branches.size(); i++) {
                if (branches.get(i).getType() == org.apache.avro.Schema.Type.NULL) {
                    nullIndex = i;
                } else if (valueIndex < 0) {
                    valueIndex = i;
                } else {
                    throw new DataException("Cannot write " + path + ": Avro unions other than [null, T] are not supported");
                }
            }
            if (valueIndex < 0) {
                throw new DataException("Cannot write " + path + ": a union of only null");
            }
            ValueWriter inner = nonNull(connect, branches.get(valueIndex), path);
            int nullAt = nullIndex;
            int valueAt = valueIndex;
            return (value, out) -> {
                if (value == null) {
                    if (nullAt < 0) {
                        throw new DataException(path + " is null but its Avro schema does not allow null");
                    }
                    out.writeIndex(nullAt);
                } else {
                    out.writeIndex(valueAt);
                    inner.write(value, out);
                }
            };
        }
        ValueWriter inner = nonNull(connect, avro, path);
        return (value, out) -> {
            if (value == null) {
                throw new DataException(path + " is null but is required by its schema");
            }
            inner.write(value, out);
        };
    }

    private static ValueWriter nonNull(Schema connect, org.apache.avro.Schema avro, String path) {
        String logical = connect.name();
        switch (avro.getType()) {
            case INT:
                if (Date.LOGICAL_NAME.equals(logical)) {
                    return (v, out) -> out.writeInt((int) Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L));
                }
                if (Time.LOGICAL_NAME.equals(logical)) {
                    return (v, out) -> out.writeInt((int) ((java.util.Date) v).getTime());
                }
                return (v, out) -> out.writeInt(((Number) v).intValue());
            case LONG:
                if (Timestamp.LOGICAL_NAME.equals(logical)) {
                    return (v, out) -> out.writeLong(((java.util.Date) v).getTime());
                }
                return (v, out) -> out.writeLong(((Number) v).longValue());
            case FLOAT:
                return (v, out) -> out.writeFloat(((Number) v).floatValue());
            case DOUBLE:
                return (v, out) -> out.writeDouble(((Number) v).doubleValue());
            case BOOLEAN:
                return (v, out) -> out.writeBoolean((Boolean) v);
            case STRING:
                return (v, out) -> out.writeString(v.toString());
            case ENUM: {
                org.apache.avro.Schema enumSchema = avro;
                return (v, out) -> out.writeEnum(enumSchema.getEnumOrdinal(v.toString()));
            }
            case BYTES:
                if (Decimal.LOGICAL_NAME.equals(logical)) {
                    int scale = AvroSchemas.decimalScale(connect);
                    return (v, out) -> out.writeBytes(unscaled((BigDecimal) v, scale, path));
                }
                return (v, out) -> {
                    if (v instanceof byte[] bytes) {
                        out.writeBytes(bytes);
                    } else {
                        out.writeBytes(((ByteBuffer) v).duplicate());
                    }
                };
            case FIXED:
                return (v, out) -> out.writeFixed(v instanceof byte[] bytes ? bytes : AvroReader.bytes((ByteBuffer) v));
            case ARRAY:
                if (connect.type() == Schema.Type.MAP) {
                    return mapEntries(connect, avro.getElementType(), path);
                }
                return array(connect, avro, path);
            case MAP: {
                ValueWriter values = writer(connect.valueSchema(), avro.getValueType(), path + "[]");
                return (v, out) -> {
                    Map<?, ?> map = (Map<?, ?>) v;
                    out.writeMapStart();
                    out.setItemCount(map.size());
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        out.startItem();
                        out.writeString(entry.getKey().toString());
                        values.write(entry.getValue(), out);
                    }
                    out.writeMapEnd();
                };
            }
            case RECORD:
                return record(connect, avro, path);
            default:
                throw new DataException("Cannot write " + path + " as Avro " + avro.getType());
        }
    }

    private static ValueWriter array(Schema connect, org.apache.avro.Schema avro, String path) {
        ValueWriter elements = writer(connect.valueSchema(), avro.getElementType(), path + "[]");
        return (v, out) -> {
            List<?> list = (List<?>) v;
            out.writeArrayStart();
            out.setItemCount(list.size());
            for (Object element : list) {
                out.startItem();
                elements.write(element, out);
            }
            out.writeArrayEnd();
        };
    }

    private static ValueWriter mapEntries(Schema connect, org.apache.avro.Schema entry, String path) {
        ValueWriter keys = writer(connect.keySchema(), entry.getField("key").schema(), path + ".key");
        ValueWriter values = writer(connect.valueSchema(), entry.getField("value").schema(), path + ".value");
        return (v, out) -> {
            Map<?, ?> map = (Map<?, ?>) v;
            out.writeArrayStart();
            out.setItemCount(map.size());
            for (Map.Entry<?, ?> item : map.entrySet()) {
                out.startItem();
                keys.write(item.getKey(), out);
                values.write(item.getValue(), out);
            }
            out.writeArrayEnd();
        };
    }

    private static ValueWriter record(Schema connect, org.apache.avro.Schema avro, String path) {
        if (connect.type() != Schema.Type.STRUCT) {
            throw new DataException("Cannot write " + path + ": Connect " + connect.type() + " is not an Avro record");
        }
        Map<String, Field> byAvroName = new HashMap<>();
        for (Field field : connect.fields()) {
            byAvroName.put(AvroSchemas.avroFieldName(field.name()), field);
        }
        List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
        Field[] fields = new Field[avroFields.size()];
        ValueWriter[] writers = new ValueWriter[avroFields.size()];
        for (int i = 0; i < fields.length; i++) {
            org.apache.avro.Schema.Field avroField = avroFields.get(i);
            Field field = byAvroName.get(avroField.name());
            String fieldPath = path + "." + avroField.name();
            if (field == null) {
                writers[i] = missingField(avroField, fieldPath);
            } else {
                fields[i] = field;
                writers[i] = writer(field.schema(), avroField.schema(), fieldPath);
            }
        }
        return new StructWriter(connect, path, fields, writers);
    }

    /**
     * Writes a struct field by field. Connect's schema equality is deep, so a schema found equal to the expected
     * one is remembered: a source that builds an equal schema again (jdbc-source does at every polling round)
     * pays that comparison once per new schema object, not once per record.
     */
    private static final class StructWriter implements ValueWriter {
        private final Schema expected;
        private final String path;
        private final Field[] fields;
        private final ValueWriter[] writers;
        /** The last schema object found equal to {@code expected}; racy on purpose, a stale one costs one check. */
        private Schema lastEqual;

        StructWriter(Schema expected, String path, Field[] fields, ValueWriter[] writers) {
            this.expected = expected;
            this.path = path;
            this.fields = fields;
            this.writers = writers;
            this.lastEqual = expected;
        }

        @Override
        public void write(Object value, Encoder out) throws IOException {
            Struct struct = (Struct) value;
            Schema schema = struct.schema();
            if (schema != lastEqual && schema != expected) {
                if (!schema.equals(expected)) {
                    throw new DataException(path + " has a struct of schema " + schema.name()
                            + " where " + expected.name() + " is expected");
                }
                lastEqual = schema;
            }
            for (int i = 0; i < writers.length; i++) {
                writers[i].write(fields[i] == null ? null : struct.get(fields[i]), out);
            }
        }
    }

    /** A field the Avro schema has and the Connect schema lacks: written as null when its default is null. */
    private static ValueWriter missingField(org.apache.avro.Schema.Field avroField, String path) {
        org.apache.avro.Schema schema = avroField.schema();
        boolean nullDefault = avroField.hasDefaultValue() && avroField.defaultVal() == org.apache.avro.JsonProperties.NULL_VALUE;
        if (schema.getType() == org.apache.avro.Schema.Type.UNION && nullDefault) {
            int nullIndex = 0;
            while (schema.getTypes().get(nullIndex).getType() != org.apache.avro.Schema.Type.NULL) {
                nullIndex++;
            }
            int index = nullIndex;
            return (v, out) -> out.writeIndex(index);
        }
        throw new DataException("The registered Avro schema has field " + path
                + ", which the record lacks and which has no null default");
    }

    private static byte[] unscaled(BigDecimal value, int scale, String path) {
        BigDecimal scaled = value;
        if (value.scale() != scale) {
            try {
                scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new DataException(path + " = " + value + " does not fit the decimal scale " + scale, e);
            }
        }
        return scaled.unscaledValue().toByteArray();
    }
}
