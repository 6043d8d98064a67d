package io.sluice.schema.avro;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates Connect schemas to Avro schemas and back, keeping what Avro cannot say in {@code connect.*}
 * properties so that a round trip gives back an equal Connect schema:
 *
 * <ul>
 *   <li>optional → union with null, null first and default null (a non-null default puts null second);</li>
 *   <li>INT8/INT16 → int with {@code connect.type}; Decimal → bytes/decimal; Date → int/date; Time →
 *       int/time-millis; Timestamp → long/timestamp-millis; Debezium's MicroTime/MicroTimestamp → time-micros /
 *       timestamp-micros;</li>
 *   <li>STRUCT → record named after the Connect schema (invalid characters replaced by {@code _}), unnamed
 *       structs → {@code io.confluent.connect.avro.ConnectDefault<n>}; MAP with string keys → map, other keys →
 *       array of {@code MapEntry} records;</li>
 *   <li>{@code connect.name}, {@code connect.version}, {@code connect.doc}, {@code connect.parameters} and
 *       field defaults are kept.</li>
 * </ul>
 *
 * Meant to be called once per schema: results are cached by the converter.
 */
public final class AvroSchemas {

    static final String CONNECT_NAME = "connect.name";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_INTERNAL_TYPE = "connect.internal.type";
    static final String DEFAULT_NAMESPACE = "io.confluent.connect.avro";
    static final String DEFAULT_RECORD_NAME = "ConnectDefault";
    static final String MAP_ENTRY = "MapEntry";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final int DEFAULT_DECIMAL_PRECISION = 64;

    private AvroSchemas() {
    }

    // ---------------------------------------------------------------- Connect -> Avro

    /** The Avro schema of a Connect schema. */
    public static org.apache.avro.Schema toAvro(Schema schema) {
        return toAvro(schema, true);
    }

    /**
     * The Avro schema of a Connect schema.
     *
     * @param connectMetaData whether to keep Connect's names, versions, docs and parameters in {@code connect.*}
     *                        properties (needed for exact round trips; INT8/INT16 keep {@code connect.type} anyway)
     */
    public static org.apache.avro.Schema toAvro(Schema schema, boolean connectMetaData) {
        return new ToAvro(connectMetaData).translate(schema, true);
    }

    private static final class ToAvro {
        private final Map<Schema, org.apache.avro.Schema> records = new HashMap<>();
        private final Map<String, Schema> recordNames = new HashMap<>();
        private final boolean metaData;
        private int unnamed;
        private int mapEntries;

        ToAvro(boolean metaData) {
            this.metaData = metaData;
        }

        org.apache.avro.Schema translate(Schema schema, boolean wrapOptional) {
            org.apache.avro.Schema plain = plain(schema);
            if (!wrapOptional || !schema.isOptional()) {
                return plain;
            }
            org.apache.avro.Schema nullSchema = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
            return schema.defaultValue() == null
                    ? org.apache.avro.Schema.createUnion(nullSchema, plain)
                    : org.apache.avro.Schema.createUnion(plain, nullSchema);
        }

        private org.apache.avro.Schema plain(Schema schema) {
            org.apache.avro.Schema avro;
            switch (schema.type()) {
                case INT8:
                case INT16:
                    avro = primitive(org.apache.avro.Schema.Type.INT);
                    avro.addProp(CONNECT_TYPE, schema.type().getName());
                    break;
                case INT32:
                    avro = primitive(org.apache.avro.Schema.Type.INT);
                    if (Date.LOGICAL_NAME.equals(schema.name())) {
                        LogicalTypes.date().addToSchema(avro);
                    } else if (Time.LOGICAL_NAME.equals(schema.name())) {
                        LogicalTypes.timeMillis().addToSchema(avro);
                    }
                    break;
                case INT64:
                    avro = primitive(org.apache.avro.Schema.Type.LONG);
                    if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
                        LogicalTypes.timestampMillis().addToSchema(avro);
                    } else if (MICRO_TIMESTAMP.equals(schema.name())) {
                        LogicalTypes.timestampMicros().addToSchema(avro);
                    } else if (MICRO_TIME.equals(schema.name())) {
                        LogicalTypes.timeMicros().addToSchema(avro);
                    }
                    break;
                case FLOAT32:
                    avro = primitive(org.apache.avro.Schema.Type.FLOAT);
                    break;
                case FLOAT64:
                    avro = primitive(org.apache.avro.Schema.Type.DOUBLE);
                    break;
                case BOOLEAN:
                    avro = primitive(org.apache.avro.Schema.Type.BOOLEAN);
                    break;
                case STRING:
                    avro = primitive(org.apache.avro.Schema.Type.STRING);
                    break;
                case BYTES:
                    avro = primitive(org.apache.avro.Schema.Type.BYTES);
                    if (Decimal.LOGICAL_NAME.equals(schema.name())) {
                        int scale = decimalScale(schema);
                        int precision = decimalPrecision(schema, scale);
                        LogicalTypes.decimal(precision, scale).addToSchema(avro);
                    }
                    break;
                case ARRAY:
                    avro = org.apache.avro.Schema.createArray(translate(schema.valueSchema(), true));
                    break;
                case MAP:
                    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
                        avro = org.apache.avro.Schema.createMap(translate(schema.valueSchema(), true));
                    } else {
                        avro = org.apache.avro.Schema.createArray(mapEntry(schema));
                    }
                    break;
                case STRUCT:
                    return record(schema);
                default:
                    throw new DataException("Connect type " + schema.type() + " has no Avro form");
            }
            if (metaData) {
                addConnectProperties(schema, avro);
            }
            return avro;
        }

        private org.apache.avro.Schema record(Schema schema) {
            org.apache.avro.Schema known = records.get(schema);
            if (known != null) {
                return known;
            }
            String fullName;
            if (schema.name() == null) {
                fullName = DEFAULT_NAMESPACE + "." + DEFAULT_RECORD_NAME + (unnamed == 0 ? "" : Integer.toString(unnamed));
                unnamed++;
            } else {
                fullName = avroName(schema.name());
            }
            Schema previous = recordNames.putIfAbsent(fullName, schema);
            if (previous != null) {
                throw new DataException("Two different Connect structs share the Avro record name " + fullName
                        + "; give them distinct schema names");
            }
            int dot = fullName.lastIndexOf('.');
            String namespace = dot < 0 ? null : fullName.substring(0, dot);
            String name = fullName.substring(dot + 1);
            org.apache.avro.Schema avro = org.apache.avro.Schema.createRecord(name, schema.doc(), namespace, false);
            records.put(schema, avro);
            List<org.apache.avro.Schema.Field> fields = new ArrayList<>(schema.fields().size());
            for (Field field : schema.fields()) {
                org.apache.avro.Schema fieldSchema = translate(field.schema(), true);
                Object defaultValue = avroDefault(field.schema());
                fields.add(new org.apache.avro.Schema.Field(avroFieldName(field.name()), fieldSchema,
                        field.schema().doc(), defaultValue));
            }
            avro.setFields(fields);
            if (metaData) {
                addConnectProperties(schema, avro);
            }
            return avro;
        }

        private org.apache.avro.Schema mapEntry(Schema map) {
            String name = MAP_ENTRY + (mapEntries == 0 ? "" : Integer.toString(mapEntries));
            mapEntries++;
            org.apache.avro.Schema entry = org.apache.avro.Schema.createRecord(name, null, DEFAULT_NAMESPACE, false);
            entry.setFields(List.of(
                    new org.apache.avro.Schema.Field("key", translate(map.keySchema(), true), null,
                            avroDefault(map.keySchema())),
                    new org.apache.avro.Schema.Field("value", translate(map.valueSchema(), true), null,
                            avroDefault(map.valueSchema()))));
            entry.addProp(CONNECT_INTERNAL_TYPE, MAP_ENTRY);
            return entry;
        }

        /** The Avro field default of a Connect field: its default, null for optional fields, else none. */
        private Object avroDefault(Schema schema) {
            if (schema.defaultValue() != null) {
                return defaultAsAvro(schema, schema.defaultValue());
            }
            return schema.isOptional() ? org.apache.avro.Schema.Field.NULL_DEFAULT_VALUE : null;
        }
    }

    private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
        return org.apache.avro.Schema.create(type);
    }

    private static void addConnectProperties(Schema schema, org.apache.avro.Schema avro) {
        if (schema.name() != null) {
            avro.addProp(CONNECT_NAME, schema.name());
        }
        if (schema.version() != null) {
            avro.addProp(CONNECT_VERSION, schema.version());
        }
        if (schema.doc() != null && schema.type() != Schema.Type.STRUCT) {
            avro.addProp(CONNECT_DOC, schema.doc());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            avro.addProp(CONNECT_PARAMETERS, new LinkedHashMap<>(schema.parameters()));
        }
    }

    /** A Connect default value as the Java object Avro's Field takes for its JSON default. */
    static Object defaultAsAvro(Schema schema, Object value) {
        if (value == null) {
            return org.apache.avro.Schema.Field.NULL_DEFAULT_VALUE;
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return ((BigDecimal) value).setScale(decimalScale(schema), RoundingMode.UNNECESSARY)
                            .unscaledValue().toByteArray();
                case Date.LOGICAL_NAME:
                    return Date.fromLogical(schema, (java.util.Date) value);
                case Time.LOGICAL_NAME:
                    return Time.fromLogical(schema, (java.util.Date) value);
                case Timestamp.LOGICAL_NAME:
                    return Timestamp.fromLogical(schema, (java.util.Date) value);
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                return ((Number) value).intValue();
            case BYTES:
                return value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case STRUCT: {
                Struct struct = (Struct) value;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field field : schema.fields()) {
                    Object fieldValue = struct.get(field);
                    out.put(avroFieldName(field.name()), fieldValue == null ? JsonProperties.NULL_VALUE
                            : defaultAsAvro(field.schema(), fieldValue));
                }
                return out;
            }
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    out.add(element == null ? JsonProperties.NULL_VALUE : defaultAsAvro(schema.valueSchema(), element));
                }
                return out;
            }
            case MAP: {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(entry.getKey()), entry.getValue() == null ? JsonProperties.NULL_VALUE
                            : defaultAsAvro(schema.valueSchema(), entry.getValue()));
                }
                return out;
            }
            default:
                return value;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    static int decimalScale(Schema schema) {
        String scale = schema.parameters() == null ? null : schema.parameters().get(Decimal.SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Decimal schema without a scale parameter");
        }
        return Integer.parseInt(scale);
    }

    private static int decimalPrecision(Schema schema, int scale) {
        String precision = schema.parameters().get("connect.decimal.precision");
        int value = precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
        return Math.max(value, Math.max(scale, 1));
    }

    /** A Connect schema name as a valid Avro full name: each dot-separated part made of letters, digits, _. */
    static String avroName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (String part : name.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(avroFieldName(part));
        }
        return out.toString();
    }

    /** A name made valid for Avro: invalid characters become {@code _}, a leading digit gets a {@code _}. */
    static String avroFieldName(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!valid && out == null) {
                out = new StringBuilder(name.length() + 1).append(name, 0, i);
            }
            if (out != null) {
                if (!valid && i == 0 && c >= '0' && c <= '9') {
                    out.append('_').append(c);
                } else {
                    out.append(valid ? c : '_');
                }
            }
        }
        return out == null ? name : out.toString();
    }

    // ---------------------------------------------------------------- Avro -> Connect

    /** The Connect schema of an Avro schema (as written by this converter, Confluent's or other producers). */
    public static Schema toConnect(org.apache.avro.Schema avro) {
        return new ToConnect().translate(avro, false, null);
    }

    private static final class ToConnect {
        private final Map<String, Schema> records = new HashMap<>();

        Schema translate(org.apache.avro.Schema avro, boolean optional, Object avroDefault) {
            if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
                List<org.apache.avro.Schema> branches = avro.getTypes();
                org.apache.avro.Schema value = null;
                boolean hasNull = false;
                for (org.apache.avro.Schema branch : branches) {
                    if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
                        hasNull = true;
                    } else if (value == null) {
                        value = branch;
                    } else {
                        throw new DataException("Avro unions other than [null, T] are not supported: " + avro);
                    }
                }
                if (value == null) {
                    throw new DataException("An Avro union of only null has no Connect form");
                }
                return translate(value, optional || hasNull, avroDefault);
            }
            SchemaBuilder builder = builder(avro);
            if (builder == null) {
                // A record seen before: Connect schemas are values, reuse the built one.
                Schema known = records.get(avro.getFullName());
                return optional && !known.isOptional() ? copyOptional(known) : known;
            }
            Object name = avro.getObjectProp(CONNECT_NAME);
            if (builder.name() != null) {
                // A Connect logical type already named itself.
                name = null;
            }
            if (name != null) {
                builder.name(name.toString());
            } else if (avro.getType() == org.apache.avro.Schema.Type.RECORD && builder.name() == null
                    && !avro.getFullName().startsWith(DEFAULT_NAMESPACE + "." + DEFAULT_RECORD_NAME)) {
                builder.name(avro.getFullName());
            }
            Object version = avro.getObjectProp(CONNECT_VERSION);
            if (version instanceof Number number && builder.version() == null) {
                builder.version(number.intValue());
            }
            Object doc = avro.getObjectProp(CONNECT_DOC);
            if (doc != null) {
                builder.doc(doc.toString());
            } else if (avro.getType() == org.apache.avro.Schema.Type.RECORD && avro.getDoc() != null) {
                builder.doc(avro.getDoc());
            }
            Object parameters = avro.getObjectProp(CONNECT_PARAMETERS);
            if (parameters instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    builder.parameter(entry.getKey().toString(), String.valueOf(entry.getValue()));
                }
            }
            if (optional) {
                builder.optional();
            }
            Object connectDefault = avroDefault == null || avroDefault == JsonProperties.NULL_VALUE ? null
                    : defaultAsConnect(builder, avro, avroDefault);
            if (connectDefault != null) {
                builder.defaultValue(connectDefault);
            }
            Schema schema = builder.build();
            if (avro.getType() == org.apache.avro.Schema.Type.RECORD && !optional) {
                records.put(avro.getFullName(), schema);
            }
            return schema;
        }

        private SchemaBuilder builder(org.apache.avro.Schema avro) {
            LogicalType logical = avro.getLogicalType();
            switch (avro.getType()) {
                case INT: {
                    Object connectType = avro.getObjectProp(CONNECT_TYPE);
                    if ("int8".equals(connectType)) {
                        return SchemaBuilder.int8();
                    } else if ("int16".equals(connectType)) {
                        return SchemaBuilder.int16();
                    } else if (logical instanceof LogicalTypes.Date) {
                        return Date.builder();
                    } else if (logical instanceof LogicalTypes.TimeMillis) {
                        return Time.builder();
                    }
                    return SchemaBuilder.int32();
                }
                case LONG:
                    if (logical instanceof LogicalTypes.TimestampMillis) {
                        return Timestamp.builder();
                    }
                    if (logical instanceof LogicalTypes.TimestampMicros && avro.getObjectProp(CONNECT_NAME) == null) {
                        return SchemaBuilder.int64().name(MICRO_TIMESTAMP).version(1);
                    }
                    if (logical instanceof LogicalTypes.TimeMicros && avro.getObjectProp(CONNECT_NAME) == null) {
                        return SchemaBuilder.int64().name(MICRO_TIME).version(1);
                    }
                    return SchemaBuilder.int64();
                case FLOAT:
                    return SchemaBuilder.float32();
                case DOUBLE:
                    return SchemaBuilder.float64();
                case BOOLEAN:
                    return SchemaBuilder.bool();
                case STRING:
                case ENUM:
                    return SchemaBuilder.string();
                case BYTES:
                case FIXED:
                    if (logical instanceof LogicalTypes.Decimal decimal) {
                        SchemaBuilder builder = Decimal.builder(decimal.getScale());
                        builder.parameter("connect.decimal.precision", Integer.toString(decimal.getPrecision()));
                        return builder;
                    }
                    return SchemaBuilder.bytes();
                case ARRAY: {
                    org.apache.avro.Schema items = avro.getElementType();
                    if (items.getType() == org.apache.avro.Schema.Type.RECORD
                            && MAP_ENTRY.equals(items.getObjectProp(CONNECT_INTERNAL_TYPE))) {
                        return SchemaBuilder.map(translate(items.getField("key").schema(), false, null),
                                translate(items.getField("value").schema(), false, null));
                    }
                    return SchemaBuilder.array(translate(items, false, null));
                }
                case MAP:
                    return SchemaBuilder.map(Schema.STRING_SCHEMA, translate(avro.getValueType(), false, null));
                case RECORD: {
                    if (records.containsKey(avro.getFullName())) {
                        return null;
                    }
                    SchemaBuilder builder = SchemaBuilder.struct();
                    for (org.apache.avro.Schema.Field field : avro.getFields()) {
                        builder.field(field.name(), translate(field.schema(), false,
                                field.hasDefaultValue() ? field.defaultVal() : null));
                    }
                    return builder;
                }
                default:
                    throw new DataException("Avro type " + avro.getType() + " has no Connect form");
            }
        }
    }

    private static Schema copyOptional(Schema schema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(schema.name()).optional();
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.doc() != null) {
            builder.doc(schema.doc());
        }
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        for (Field field : schema.fields()) {
            builder.field(field.name(), field.schema());
        }
        return builder.build();
    }

    /** An Avro field default (as {@code Field.defaultVal()} gives it) as a Connect value, for simple types. */
    private static Object defaultAsConnect(SchemaBuilder builder, org.apache.avro.Schema avro, Object value) {
        String name = builder.name();
        if (Decimal.LOGICAL_NAME.equals(name) && value instanceof byte[] bytes) {
            return new BigDecimal(new java.math.BigInteger(bytes), Integer.parseInt(builder.parameters().get(Decimal.SCALE_FIELD)));
        }
        if (Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
            long number = ((Number) value).longValue();
            return new java.util.Date(Date.LOGICAL_NAME.equals(name) ? number * 86_400_000L : number);
        }
        switch (builder.type()) {
            case INT8:
                return ((Number) value).byteValue();
            case INT16:
                return ((Number) value).shortValue();
            case INT32:
                return ((Number) value).intValue();
            case INT64:
                return ((Number) value).longValue();
            case FLOAT32:
                return ((Number) value).floatValue();
            case FLOAT64:
                return ((Number) value).doubleValue();
            case BOOLEAN:
            case STRING:
            case BYTES:
                return value;
            default:
                // Defaults of structs, arrays and maps are rare in Connect data; leaving them out loses no data.
                return null;
        }
    }
}
