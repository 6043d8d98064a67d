package io.sluice.schema.types;

/**
 * The semantic schema names Debezium gives to values whose Connect type alone does not say what they mean.
 * Sources set them; sinks and transforms recognise them to restore the database type.
 */
public final class SemanticTypes {

    /** INT32 days since the epoch. */
    public static final String DATE = "io.debezium.time.Date";
    /** INT32 milliseconds past midnight. */
    public static final String TIME = "io.debezium.time.Time";
    /** INT64 microseconds past midnight (MySQL: a signed duration, may be negative or exceed a day). */
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    /** INT64 nanoseconds past midnight. */
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    /** INT64 milliseconds since the epoch of a timestamp without time zone (wall clock read as UTC). */
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    /** INT64 microseconds since the epoch of a timestamp without time zone. */
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    /** INT64 nanoseconds since the epoch of a timestamp without time zone. */
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    /** STRING ISO-8601 timestamp with offset, normalised to UTC, e.g. {@code 2024-01-31T11:45:30.123456Z}. */
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    /** STRING ISO-8601 time with offset, normalised to UTC, e.g. {@code 11:45:30.5Z}. */
    public static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    /** INT32 year. */
    public static final String YEAR = "io.debezium.time.Year";
    /** INT64 microseconds of a duration (months counted as 30.4375 days). */
    public static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    /** STRING ISO-8601 duration, e.g. {@code P1Y2M3DT4H5M6.78S}. */
    public static final String INTERVAL = "io.debezium.time.Interval";

    /** STRING JSON document. */
    public static final String JSON = "io.debezium.data.Json";
    /** STRING XML document. */
    public static final String XML = "io.debezium.data.Xml";
    /** STRING canonical UUID. */
    public static final String UUID = "io.debezium.data.Uuid";
    /** BYTES bit string, little-endian; parameter {@link #BITS_LENGTH} holds the number of bits. */
    public static final String BITS = "io.debezium.data.Bits";
    /** STRING one of the values in parameter {@link #ENUM_ALLOWED}. */
    public static final String ENUM = "io.debezium.data.Enum";
    /** STRING comma-separated subset of the values in parameter {@link #ENUM_ALLOWED}. */
    public static final String ENUM_SET = "io.debezium.data.EnumSet";
    /** STRUCT {scale INT32, value BYTES} of a decimal whose scale varies per value. */
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    /** STRUCT {x FLOAT64, y FLOAT64, wkb BYTES, srid INT32} of a PostgreSQL point. */
    public static final String POINT = "io.debezium.data.geometry.Point";
    /** STRUCT {wkb BYTES, srid INT32} of a geometry. */
    public static final String GEOMETRY = "io.debezium.data.geometry.Geometry";

    /** Connect's own logical types, listed here so sinks find every name in one place. */
    public static final String CONNECT_DECIMAL = "org.apache.kafka.connect.data.Decimal";
    public static final String CONNECT_DATE = "org.apache.kafka.connect.data.Date";
    public static final String CONNECT_TIME = "org.apache.kafka.connect.data.Time";
    public static final String CONNECT_TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";

    /** Schema parameters. */
    public static final String BITS_LENGTH = "length";
    public static final String ENUM_ALLOWED = "allowed";
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    public static final String DECIMAL_SCALE = "scale";

    /** Field names of {@link #VARIABLE_SCALE_DECIMAL} and {@link #GEOMETRY}. */
    public static final String VARIABLE_SCALE_DECIMAL_SCALE = "scale";
    public static final String VARIABLE_SCALE_DECIMAL_VALUE = "value";
    public static final String GEOMETRY_WKB = "wkb";
    public static final String GEOMETRY_SRID = "srid";
    public static final String POINT_X = "x";
    public static final String POINT_Y = "y";

    private SemanticTypes() {
    }
}
