package io.sluice.jdbc.sink.record;

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
            case SemanticNames.DATE -> DATE_DAYS;
            case SemanticNames.TIME -> TIME_MILLIS;
            case SemanticNames.MICRO_TIME -> TIME_MICROS;
            case SemanticNames.NANO_TIME -> TIME_NANOS;
            case SemanticNames.ZONED_TIME -> ZONED_TIME;
            case SemanticNames.TIMESTAMP -> TIMESTAMP_MILLIS;
            case SemanticNames.MICRO_TIMESTAMP -> TIMESTAMP_MICROS;
            case SemanticNames.NANO_TIMESTAMP -> TIMESTAMP_NANOS;
            case SemanticNames.ZONED_TIMESTAMP -> ZONED_TIMESTAMP;
            case SemanticNames.MICRO_DURATION -> DURATION_MICROS;
            case SemanticNames.YEAR -> YEAR;
            case SemanticNames.JSON -> JSON;
            case SemanticNames.UUID -> UUID;
            case SemanticNames.XML -> XML;
            case SemanticNames.BITS -> schema.type() == Schema.Type.BOOLEAN ? BOOLEAN : BITS;
            case SemanticNames.ENUM -> ENUM;
            case SemanticNames.ENUM_SET -> ENUM_SET;
            case SemanticNames.VARIABLE_SCALE_DECIMAL -> VARIABLE_DECIMAL;
            default -> null;
        };
    }
}
