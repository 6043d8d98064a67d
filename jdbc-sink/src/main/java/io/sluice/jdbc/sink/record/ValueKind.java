package io.sluice.jdbc.sink.record;

import io.sluice.schema.types.SemanticTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * What a field's value means, read once from its Connect type and schema name; dialects map a kind to a
 * column type and bind its values.
 */
public enum ValueKind {
    INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES,
    /** Connect Decimal: BigDecimal with the scale in the schema. */
    DECIMAL,
    /** Debezium VariableScaleDecimal: struct of scale and unscaled bytes. */
    VARIABLE_DECIMAL,
    /** Connect Date (java.util.Date at midnight UTC) or Debezium Date (int32 days since epoch). */
    DATE_CONNECT, DATE_DAYS,
    /** Connect Time (java.util.Date), Debezium Time (int32 ms), MicroTime (int64 µs), NanoTime (int64 ns). */
    TIME_CONNECT, TIME_MILLIS, TIME_MICROS, TIME_NANOS,
    /** ISO-8601 time with offset, as text. */
    ZONED_TIME,
    /** Connect Timestamp (java.util.Date), Debezium Timestamp (ms), MicroTimestamp (µs), NanoTimestamp (ns). */
    TIMESTAMP_CONNECT, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS,
    /** ISO-8601 timestamp with offset, as text. */
    ZONED_TIMESTAMP,
    /** Duration in microseconds (int64). */
    DURATION_MICROS,
    /** ISO-8601 duration as text ({@code P1Y2M3DT4H5M6.78S}). */
    INTERVAL_ISO,
    YEAR, JSON, UUID, XML,
    /** Bit string as little-endian bytes, with its length as a schema parameter. */
    BITS,
    ENUM, ENUM_SET;

    /** The kind of values of {@code schema}; unsupported schemas (arrays, maps, nested structs) are an error. */
    public static ValueKind of(Schema schema) {
        String name = schema.name();
        if (name != null) {
            ValueKind named = byName(name, schema);
            if (named != null) {
                return named;
            }
        }
        return switch (schema.type()) {
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
            case BYTES -> BYTES;
            default -> throw new DataException("cannot write a field of type " + schema.type()
                    + (SemanticTypes.GEOMETRY.equals(name) ? " (geometries are not supported yet)" : "")
                    + (name == null ? "" : " named " + name)
                    + " into a column; flatten it first (for example with the Flatten transform)");
        };
    }

    private static ValueKind byName(String name, Schema schema) {
        return switch (name) {
            case Decimal.LOGICAL_NAME -> DECIMAL;
            case Date.LOGICAL_NAME -> DATE_CONNECT;
            case Time.LOGICAL_NAME -> TIME_CONNECT;
            case Timestamp.LOGICAL_NAME -> TIMESTAMP_CONNECT;
            case SemanticTypes.DATE -> DATE_DAYS;
            case SemanticTypes.TIME -> TIME_MILLIS;
            case SemanticTypes.MICRO_TIME -> TIME_MICROS;
            case SemanticTypes.NANO_TIME -> TIME_NANOS;
            case SemanticTypes.ZONED_TIME -> ZONED_TIME;
            case SemanticTypes.TIMESTAMP -> TIMESTAMP_MILLIS;
            case SemanticTypes.MICRO_TIMESTAMP -> TIMESTAMP_MICROS;
            case SemanticTypes.NANO_TIMESTAMP -> TIMESTAMP_NANOS;
            case SemanticTypes.ZONED_TIMESTAMP -> ZONED_TIMESTAMP;
            case SemanticTypes.MICRO_DURATION -> DURATION_MICROS;
            case SemanticTypes.INTERVAL -> INTERVAL_ISO;
            case SemanticTypes.YEAR -> YEAR;
            case SemanticTypes.JSON -> JSON;
            case SemanticTypes.UUID -> UUID;
            case SemanticTypes.XML -> XML;
            case SemanticTypes.BITS -> schema.type() == Schema.Type.BOOLEAN ? BOOLEAN : BITS;
            case SemanticTypes.ENUM -> ENUM;
            case SemanticTypes.ENUM_SET -> ENUM_SET;
            case SemanticTypes.VARIABLE_SCALE_DECIMAL -> VARIABLE_DECIMAL;
            default -> null;
        };
    }
}
