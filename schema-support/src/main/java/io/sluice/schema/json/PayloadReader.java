package io.sluice.schema.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Reads the {@code payload} JSON of Kafka's {@code JsonConverter} into a Connect value of a known schema, token by
 * token from the parser instead of through a tree of nodes, with the same results as Kafka's converter. JSON that
 * Kafka's converter would coerce in surprising ways (a string where a number belongs, a number for a boolean) throws
 * {@link NotOnFastPath}, and the caller lets Kafka's converter read that record.
 */
final class PayloadReader {

    private final boolean replaceNullWithDefault;

    PayloadReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /** Reads the value at the parser's current token. */
    Object read(JsonParser in, Schema schema) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return absent(schema);
        }
        // Only these three types have logical kinds of Kafka's: the name is compared only for them.
        String name = schema.name();
        switch (schema.type()) {
            case INT8:
                return (byte) readInt(in, token);
            case INT16:
                return (short) readInt(in, token);
            case INT32:
                if (name != null) {
                    if (name.equals(Date.LOGICAL_NAME)) {
                        return Date.toLogical(schema, readInt(in, token));
                    }
                    if (name.equals(Time.LOGICAL_NAME)) {
                        return Time.toLogical(schema, readInt(in, token));
                    }
                }
                return readInt(in, token);
            case INT64:
                if (name != null && name.equals(Timestamp.LOGICAL_NAME)) {
                    return Timestamp.toLogical(schema, readLong(in, token));
                }
                return readLong(in, token);
            case FLOAT32:
                expectNumber(token);
                return in.getDecimalValue().floatValue();
            case FLOAT64:
                return readDouble(in, token);
            case BOOLEAN:
                if (token == JsonToken.VALUE_TRUE) {
                    return Boolean.TRUE;
                }
                if (token == JsonToken.VALUE_FALSE) {
                    return Boolean.FALSE;
                }
                throw NotOnFastPath.INSTANCE;
            case STRING:
                expect(token, JsonToken.VALUE_STRING);
                return in.getText();
            case BYTES:
                if (name != null && name.equals(Decimal.LOGICAL_NAME)) {
                    return readDecimal(in, schema, token);
                }
                expect(token, JsonToken.VALUE_STRING);
                return in.getBinaryValue();
            case ARRAY:
                return readArray(in, schema, token);
            case MAP:
                return readMap(in, schema, token);
            case STRUCT:
                return readStruct(in, schema, token);
            default:
                throw NotOnFastPath.INSTANCE;
        }
    }

    /** A JSON null or a missing struct field. */
    private Object absent(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        if (schema.isOptional()) {
            return null;
        }
        throw new DataException("Invalid null value for required " + schema.type() + " field");
    }

    private static Object readDecimal(JsonParser in, Schema schema, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return in.getDecimalValue();
        }
        expect(token, JsonToken.VALUE_STRING);
        return Decimal.toLogical(schema, in.getBinaryValue());
    }

    private static int readInt(JsonParser in, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT);
        if (in.getNumberType() != JsonParser.NumberType.INT) {
            throw NotOnFastPath.INSTANCE;
        }
        return in.getIntValue();
    }

    private static long readLong(JsonParser in, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = in.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw NotOnFastPath.INSTANCE;
        }
        return in.getLongValue();
    }

    private static double readDouble(JsonParser in, JsonToken token) throws IOException {
        expectNumber(token);
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return in.getDoubleValue();
        }
        double value = in.getDoubleValue();
        // Kafka's converter reads fractions as BigDecimal, which has no negative zero.
        return value == 0.0 ? in.getDecimalValue().doubleValue() : value;
    }

    private List<Object> readArray(JsonParser in, Schema schema, JsonToken token) throws IOException {
        expect(token, JsonToken.START_ARRAY);
        Schema elementSchema = schema.valueSchema();
        List<Object> values = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            values.add(read(in, elementSchema));
        }
        return values;
    }

    private Map<Object, Object> readMap(JsonParser in, Schema schema, JsonToken token) throws IOException {
        if (schema.keySchema().type() != Schema.Type.STRING || schema.keySchema().name() != null) {
            throw NotOnFastPath.INSTANCE;
        }
        expect(token, JsonToken.START_OBJECT);
        Schema valueSchema = schema.valueSchema();
        Map<Object, Object> values = new HashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            in.nextToken();
            values.put(key, read(in, valueSchema));
        }
        return values;
    }

    private Struct readStruct(JsonParser in, Schema schema, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT);
        Struct struct = new Struct(schema);
        List<Field> fields = schema.fields();
        boolean[] seen = new boolean[fields.size()];
        int position = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            // Writers emit the fields in the schema's order: try the next one before looking the name up.
            String name = in.currentName();
            Field field = position < fields.size() && fields.get(position).name().equals(name)
                    ? fields.get(position) : schema.field(name);
            position = field == null ? position : field.index() + 1;
            in.nextToken();
            if (field == null) {
                in.skipChildren();
                continue;
            }
            if (seen[field.index()]) {
                throw NotOnFastPath.INSTANCE; // a repeated name: leave Kafka's converter to decide which wins
            }
            seen[field.index()] = true;
            struct.put(field, read(in, field.schema()));
        }
        for (Field field : fields) {
            if (!seen[field.index()]) {
                struct.put(field, absent(field.schema()));
            }
        }
        return struct;
    }

    private static void expectNumber(JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw NotOnFastPath.INSTANCE;
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw NotOnFastPath.INSTANCE;
        }
    }
}
