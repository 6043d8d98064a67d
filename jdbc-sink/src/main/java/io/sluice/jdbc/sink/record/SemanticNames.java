package io.sluice.jdbc.sink.record;

/**
 * Schema names that give a plain Connect type a meaning (days, microseconds, JSON text...), as written by
 * Debezium and by our own sources.
 *
 * <p>These mirror {@code io.sluice.schema.types.SemanticTypes} of the schema-support module, which was not
 * published yet when this sink was written; once it is, these constants should point at it.
 */
public final class SemanticNames {

    public static final String DATE = "io.debezium.time.Date";
    public static final String TIME = "io.debezium.time.Time";
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    public static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    public static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    public static final String YEAR = "io.debezium.time.Year";
    public static final String JSON = "io.debezium.data.Json";
    public static final String UUID = "io.debezium.data.Uuid";
    public static final String XML = "io.debezium.data.Xml";
    public static final String BITS = "io.debezium.data.Bits";
    public static final String ENUM = "io.debezium.data.Enum";
    public static final String ENUM_SET = "io.debezium.data.EnumSet";
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    /** Schema parameter of {@link #BITS}: the number of bits. */
    public static final String BITS_LENGTH_PARAMETER = "length";
    /** Schema parameter of {@link #ENUM} and {@link #ENUM_SET}: the allowed values, comma separated. */
    public static final String ENUM_ALLOWED_PARAMETER = "allowed";
    /** Schema parameter of Connect's Decimal written by Debezium and Confluent: the column's precision. */
    public static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

    private SemanticNames() {
    }
}
