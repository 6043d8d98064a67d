package io.sluice.schema.types;

import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The user's choices for turning column values into Connect values. Connectors add the keys to their
 * {@link ConfigDef} with {@link #define} and read them back with {@link #from}.
 */
public record TypeOptions(DecimalHandlingMode decimalHandling, TimePrecisionMode timePrecision,
        BinaryHandlingMode binaryHandling, UnsignedBigIntHandlingMode unsignedBigIntHandling,
        IntervalHandlingMode intervalHandling, UnsupportedTypeHandlingMode unsupportedTypeHandling,
        int moneyFractionDigits) {

    public static final String DECIMAL_HANDLING_MODE_CONFIG = "decimal.handling.mode";
    public static final String TIME_PRECISION_MODE_CONFIG = "time.precision.mode";
    public static final String BINARY_HANDLING_MODE_CONFIG = "binary.handling.mode";
    public static final String BIGINT_UNSIGNED_HANDLING_MODE_CONFIG = "bigint.unsigned.handling.mode";
    public static final String INTERVAL_HANDLING_MODE_CONFIG = "interval.handling.mode";
    public static final String UNSUPPORTED_TYPE_HANDLING_MODE_CONFIG = "unsupported.type.handling.mode";
    public static final String MONEY_FRACTION_DIGITS_CONFIG = "money.fraction.digits";

    public TypeOptions {
        Objects.requireNonNull(decimalHandling, "decimalHandling");
        Objects.requireNonNull(timePrecision, "timePrecision");
        Objects.requireNonNull(binaryHandling, "binaryHandling");
        Objects.requireNonNull(unsignedBigIntHandling, "unsignedBigIntHandling");
        Objects.requireNonNull(intervalHandling, "intervalHandling");
        Objects.requireNonNull(unsupportedTypeHandling, "unsupportedTypeHandling");
    }

    /** Debezium's defaults: precise, adaptive, bytes, long, numeric, fail, 2. */
    public static TypeOptions defaults() {
        return new TypeOptions(DecimalHandlingMode.PRECISE, TimePrecisionMode.ADAPTIVE, BinaryHandlingMode.BYTES,
                UnsignedBigIntHandlingMode.LONG, IntervalHandlingMode.NUMERIC, UnsupportedTypeHandlingMode.FAIL, 2);
    }

    public TypeOptions withDecimalHandling(DecimalHandlingMode mode) {
        return new TypeOptions(mode, timePrecision, binaryHandling, unsignedBigIntHandling, intervalHandling,
                unsupportedTypeHandling, moneyFractionDigits);
    }

    public TypeOptions withTimePrecision(TimePrecisionMode mode) {
        return new TypeOptions(decimalHandling, mode, binaryHandling, unsignedBigIntHandling, intervalHandling,
                unsupportedTypeHandling, moneyFractionDigits);
    }

    public TypeOptions withBinaryHandling(BinaryHandlingMode mode) {
        return new TypeOptions(decimalHandling, timePrecision, mode, unsignedBigIntHandling, intervalHandling,
                unsupportedTypeHandling, moneyFractionDigits);
    }

    public TypeOptions withUnsignedBigIntHandling(UnsignedBigIntHandlingMode mode) {
        return new TypeOptions(decimalHandling, timePrecision, binaryHandling, mode, intervalHandling,
                unsupportedTypeHandling, moneyFractionDigits);
    }

    public TypeOptions withIntervalHandling(IntervalHandlingMode mode) {
        return new TypeOptions(decimalHandling, timePrecision, binaryHandling, unsignedBigIntHandling, mode,
                unsupportedTypeHandling, moneyFractionDigits);
    }

    public TypeOptions withUnsupportedTypeHandling(UnsupportedTypeHandlingMode mode) {
        return new TypeOptions(decimalHandling, timePrecision, binaryHandling, unsignedBigIntHandling,
                intervalHandling, mode, moneyFractionDigits);
    }

    /** Adds this record's keys to {@code config} in {@code group} and returns {@code config}. */
    public static ConfigDef define(ConfigDef config, String group) {
        int order = 0;
        return config
                .define(DECIMAL_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, DecimalHandlingMode.PRECISE.value(),
                        ConfigValues.validator(DecimalHandlingMode.class), ConfigDef.Importance.MEDIUM,
                        "How DECIMAL/NUMERIC and MONEY columns are written. 'precise': Connect Decimal, exact "
                                + "(PostgreSQL NUMERIC without precision becomes io.debezium.data.VariableScaleDecimal; "
                                + "NaN and infinities become null). 'double': FLOAT64, may round. 'string': the plain "
                                + "decimal as text, exact, keeps NaN and Infinity.",
                        group, ++order, ConfigDef.Width.SHORT, "Decimal handling")
                .define(TIME_PRECISION_MODE_CONFIG, ConfigDef.Type.STRING, TimePrecisionMode.ADAPTIVE.value(),
                        ConfigValues.validator(TimePrecisionMode.class), ConfigDef.Importance.MEDIUM,
                        "How DATE, TIME and TIMESTAMP columns are written. 'adaptive': io.debezium.time.* types "
                                + "sized to the column's precision (milli- or microseconds). "
                                + "'adaptive_time_microseconds': as adaptive, but TIME always in microseconds. "
                                + "'connect': Connect's Date, Time and Timestamp, in milliseconds (finer digits are lost).",
                        group, ++order, ConfigDef.Width.MEDIUM, "Time precision")
                .define(BINARY_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, BinaryHandlingMode.BYTES.value(),
                        ConfigValues.validator(BinaryHandlingMode.class), ConfigDef.Importance.LOW,
                        "How binary columns (bytea, BLOB, BINARY, VARBINARY) are written: 'bytes', or as text "
                                + "in 'base64' or lower-case 'hex'.",
                        group, ++order, ConfigDef.Width.SHORT, "Binary handling")
                .define(BIGINT_UNSIGNED_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING,
                        UnsignedBigIntHandlingMode.LONG.value(), ConfigValues.validator(UnsignedBigIntHandlingMode.class),
                        ConfigDef.Importance.LOW,
                        "How MySQL BIGINT UNSIGNED columns are written. 'long': INT64, values above "
                                + "9223372036854775807 wrap to negative numbers. 'precise': Connect Decimal with scale 0.",
                        group, ++order, ConfigDef.Width.SHORT, "BIGINT UNSIGNED handling")
                .define(INTERVAL_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, IntervalHandlingMode.NUMERIC.value(),
                        ConfigValues.validator(IntervalHandlingMode.class), ConfigDef.Importance.LOW,
                        "How PostgreSQL INTERVAL columns are written. 'numeric': microseconds as "
                                + "io.debezium.time.MicroDuration, a month counted as 30.4375 days. 'string': an exact "
                                + "ISO-8601 duration such as P1Y2M3DT4H5M6.78S (io.debezium.time.Interval).",
                        group, ++order, ConfigDef.Width.SHORT, "Interval handling")
                .define(UNSUPPORTED_TYPE_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING,
                        UnsupportedTypeHandlingMode.FAIL.value(),
                        ConfigValues.validator(UnsupportedTypeHandlingMode.class), ConfigDef.Importance.MEDIUM,
                        "What to do with a column whose type Sluice cannot map. 'fail': stop with an error naming "
                                + "the table, column and type. 'skip': leave the column out of events and log a warning.",
                        group, ++order, ConfigDef.Width.SHORT, "Unsupported types")
                .define(MONEY_FRACTION_DIGITS_CONFIG, ConfigDef.Type.INT, 2, ConfigDef.Range.between(0, 20),
                        ConfigDef.Importance.LOW,
                        "Digits after the decimal point of PostgreSQL MONEY values when written as Decimal "
                                + "(follows the server's lc_monetary; 2 for most currencies).",
                        group, ++order, ConfigDef.Width.SHORT, "Money fraction digits");
    }

    /** Reads the keys added by {@link #define}. */
    public static TypeOptions from(AbstractConfig config) {
        return new TypeOptions(
                DecimalHandlingMode.parse(config.getString(DECIMAL_HANDLING_MODE_CONFIG)),
                TimePrecisionMode.parse(config.getString(TIME_PRECISION_MODE_CONFIG)),
                BinaryHandlingMode.parse(config.getString(BINARY_HANDLING_MODE_CONFIG)),
                UnsignedBigIntHandlingMode.parse(config.getString(BIGINT_UNSIGNED_HANDLING_MODE_CONFIG)),
                IntervalHandlingMode.parse(config.getString(INTERVAL_HANDLING_MODE_CONFIG)),
                UnsupportedTypeHandlingMode.parse(config.getString(UNSUPPORTED_TYPE_HANDLING_MODE_CONFIG)),
                config.getInt(MONEY_FRACTION_DIGITS_CONFIG));
    }
}
