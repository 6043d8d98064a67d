package io.sluice.schema.avro;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.Decoder;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads Avro binary written in a given (writer) schema straight into Connect values of the Connect schema
 * {@link AvroSchemas#toConnect} derives from it, following a plan compiled once per schema id.
 */
final class AvroReader {

    interface ValueReader {
        Object read(Decoder in) throws IOException;
    }

    private final Schema connectSchema;
    private final ValueReader root;

    private AvroReader(Schema connectSchema, ValueReader root) {
        this.connectSchema = connectSchema;
        this.root = root;
    }

    static AvroReader compile(org.apache.avro.Schema avro) {
        Schema connect = AvroSchemas.toConnect(avro);
        return new AvroReader(connect, reader(connect, avro));
    }

    Schema connectSchema() {
        return connectSchema;
    }

    Object read(Decoder in) throws IOException {
        return root.read(in);
    }

    private static ValueReader reader(Schema connect, org.apache.avro.Schema avro) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            List<org.apache.avro.Schema> branches = avro.getTypes();
            ValueReader[] readers = new ValueReader[branches.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = branches.get(i).getType() == org.apache.avro.Schema.Type.NULL
                        ? in -> {
                            in.readNull();
                            return null;
                        }
                        : reader(connect, branches.get(i));
            }
            return in -> readers[in.readIndex()].read(in);
        }
        String logical = connect.name();
        switch (avro.getType()) {
            case INT:
                if (connect.type() == Schema.Type.INT8) {
                    return in -> (byte) in.readInt();
                }
                if (connect.type() == Schema.Type.INT16) {
                    return in -> (short) in.readInt();
                }
                if (Date.LOGICAL_NAME.equals(logical)) {
                    return in -> new java.util.Date(in.readInt() * 86_400_000L);
                }
                if (Time.LOGICAL_NAME.equals(logical)) {
                    return in -> new java.util.Date(in.readInt());
                }
                return Decoder::readInt;
            case LONG:
                if (Timestamp.LOGICAL_NAME.equals(logical)) {
                    return in -> new java.util.Date(in.readLong());
                }
                return Decoder::readLong;
            case FLOAT:
                return Decoder::readFloat;
            case DOUBLE:
                return Decoder::readDouble;
            case BOOLEAN:
                return Decoder::readBoolean;
            case STRING:
                return in -> in.readString();
            case ENUM: {
                List<String> symbols = avro.getEnumSymbols();
                return in -> symbols.get(in.readEnum());
            }
            case BYTES:
                if (Decimal.LOGICAL_NAME.equals(logical)) {
                    int scale = AvroSchemas.decimalScale(connect);
                    return in -> new BigDecimal(new BigInteger(bytes(in.readBytes(null))), scale);
                }
                return in -> bytes(in.readBytes(null));
            case FIXED: {
                int size = avro.getFixedSize();
                if (Decimal.LOGICAL_NAME.equals(logical)) {
                    int scale = AvroSchemas.decimalScale(connect);
                    return in -> {
                        byte[] bytes = new byte[size];
                        in.readFixed(bytes);
                        return new BigDecimal(new BigInteger(bytes), scale);
                    };
                }
                return in -> {
                    byte[] bytes = new byte[size];
                    in.readFixed(bytes);
                    return bytes;
                };
            }
            case ARRAY:
                if (connect.type() == Schema.Type.MAP) {
                    return mapEntries(connect, avro.getElementType());
                }
                return array(connect, avro);
            case MAP: {
                ValueReader values = reader(connect.valueSchema(), avro.getValueType());
                return in -> {
                    Map<String, Object> map = new HashMap<>();
                    for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                        for (long i = 0; i < n; i++) {
                            String key = in.readString();
                            map.put(key, values.read(in));
                        }
                    }
                    return map;
                };
            }
            case RECORD:
                return record(connect, avro);
            default:
                throw new DataException("Cannot read Avro " + avro.getType());
        }
    }

    private static ValueReader array(Schema connect, org.apache.avro.Schema avro) {
        ValueReader elements = reader(connect.valueSchema(), avro.getElementType());
        return in -> {
            List<Object> list = new ArrayList<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    list.add(elements.read(in));
                }
            }
            return list;
        };
    }

    private static ValueReader mapEntries(Schema connect, org.apache.avro.Schema entry) {
        ValueReader keys = reader(connect.keySchema(), entry.getField("key").schema());
        ValueReader values = reader(connect.valueSchema(), entry.getField("value").schema());
        return in -> {
            Map<Object, Object> map = new HashMap<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    Object key = keys.read(in);
                    map.put(key, values.read(in));
                }
            }
            return map;
        };
    }

    private static ValueReader record(Schema connect, org.apache.avro.Schema avro) {
        List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
        Field[] fields = new Field[avroFields.size()];
        ValueReader[] readers = new ValueReader[avroFields.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = connect.field(avroFields.get(i).name());
            readers[i] = reader(fields[i].schema(), avroFields.get(i).schema());
        }
        return in -> {
            Struct struct = new Struct(connect);
            for (int i = 0; i < readers.length; i++) {
                Object value = readers[i].read(in);
                if (value != null) {
                    struct.put(fields[i], value);
                }
            }
            return struct;
        };
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
