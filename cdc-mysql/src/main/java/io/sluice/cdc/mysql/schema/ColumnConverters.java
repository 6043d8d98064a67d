package io.sluice.cdc.mysql.schema;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.sluice.cdc.mysql.config.TypeConfig;
import io.sluice.cdc.mysql.config.ZeroDateHandlingMode;
import io.sluice.schema.types.BinaryHandlingMode;
import io.sluice.schema.types.ColumnConverter;
import io.sluice.schema.types.DecimalHandlingMode;
import io.sluice.schema.types.SemanticTypes;
import io.sluice.schema.types.TimePrecisionMode;
import io.sluice.schema.types.TypeOptions;
import io.sluice.schema.types.UnsignedBigIntHandlingMode;
import io.sluice.schema.types.UnsupportedTypeHandlingMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converters from MySQL/MariaDB column values to Connect values, with Debezium's schemas.
 *
 * <p>Accepted value forms (what the binlog decoding and the snapshot reader produce):
 * integers as any {@link Number} (unsigned ones may arrive as their signed bit pattern), DECIMAL as
 * {@link BigDecimal}, FLOAT/DOUBLE as {@link Number}, character types as {@link String} or {@code byte[]} in the
 * column's charset, binary types as {@code byte[]}, BIT as {@link BitSet}, big-endian {@code byte[]}, Boolean or
 * Number, ENUM as a 1-based index or the String, SET as a bitmap or the String, YEAR as a Number, DATE as
 * epoch days ({@link Integer}), DATETIME and TIMESTAMP as epoch microseconds ({@link Long}), TIME as signed
 * microseconds ({@link Long}), zero dates as {@link ZeroDate}, JSON as MySQL binary JSON {@code byte[]} or text,
 * spatial types as MySQL's internal {@code byte[]} (4-byte little-endian SRID, then WKB).
 *
 * <p>Kept in this module rather than schema-support's {@code MySqlTypes} (which landed later and takes JDBC's
 * {@code getObject} forms) because the binlog path needs what that class does not offer: strings as bytes in the
 * column's character set, MySQL's binary JSON, zero dates in NOT NULL columns, and temporal values as plain epoch
 * numbers so that no {@code java.time} object is allocated per value. The schemas are the same Debezium ones.
 */
public final class ColumnConverters {

    private static final long MICROS_PER_MILLI = 1_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ColumnConverters() {
    }

    /**
     * A converter for one column, or null when the type is unsupported and the user chose to skip such columns.
     *
     * @throws DataException when the type is unsupported and the user chose to fail
     */
    public static ColumnConverter forColumn(TableId table, ColumnDefinition column, TypeConfig config) {
        TypeOptions options = config.typeOptions();
        String type = column.dataType().toLowerCase(Locale.ROOT);
        boolean optional = column.optional();
        String what = table + "." + column.name();
        if (column.json()) {
            return text(builder(Schema.Type.STRING, optional).name(SemanticTypes.JSON).version(1), column, what);
        }
        switch (type) {
            case "tinyint":
                return integer(Schema.Type.INT16, optional, column.unsigned() ? 0xFFL : 0, what);
            case "smallint":
                return integer(column.unsigned() ? Schema.Type.INT32 : Schema.Type.INT16, optional,
                        column.unsigned() ? 0xFFFFL : 0, what);
            case "mediumint":
                return integer(Schema.Type.INT32, optional, column.unsigned() ? 0xFFFFFFL : 0, what);
            case "int":
            case "integer":
                return column.unsigned() ? integer(Schema.Type.INT64, optional, 0xFFFFFFFFL, what)
                        : integer(Schema.Type.INT32, optional, 0, what);
            case "bigint":
                if (column.unsigned() && options.unsignedBigIntHandling() == UnsignedBigIntHandlingMode.PRECISE) {
                    return unsignedBigIntPrecise(optional, what);
                }
                return integer(Schema.Type.INT64, optional, 0, what);
            case "float":
                return simple(builder(Schema.Type.FLOAT32, optional), v -> ((Number) v).floatValue(), what);
            case "double":
            case "real":
                return simple(builder(Schema.Type.FLOAT64, optional), v -> ((Number) v).doubleValue(), what);
            case "decimal":
            case "numeric":
                return decimal(column, options.decimalHandling(), what);
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
                return text(builder(Schema.Type.STRING, optional), column, what);
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                return binary(column, options.binaryHandling(), what);
            case "bit":
                return bit(column, what);
            case "enum":
                return enumeration(column, what);
            case "set":
                return set(column, what);
            case "year":
                return simple(builder(Schema.Type.INT32, optional).name(SemanticTypes.YEAR).version(1),
                        v -> ((Number) v).intValue(), what);
            case "date":
                return date(column, options.timePrecision(), config.zeroDateHandling(), what);
            case "datetime":
                return dateTime(column, options.timePrecision(), config.zeroDateHandling(), what);
            case "timestamp":
                return timestamp(column, options.timePrecision(), config.zeroDateHandling(), what);
            case "time":
                return time(column, options.timePrecision(), what);
            case "json":
                return text(builder(Schema.Type.STRING, optional).name(SemanticTypes.JSON).version(1), column, what);
            case "geometry":
            case "point":
            case "linestring":
            case "polygon":
            case "multipoint":
            case "multilinestring":
            case "multipolygon":
            case "geometrycollection":
            case "geomcollection":
                return geometry(optional, what);
            default:
                if (options.unsupportedTypeHandling() == UnsupportedTypeHandlingMode.SKIP) {
                    return null;
                }
                throw new DataException("Column " + what + " has type " + column.columnType()
                        + ", which Sluice cannot map; set unsupported.type.handling.mode=skip to leave it out");
        }
    }

    private static SchemaBuilder builder(Schema.Type type, boolean optional) {
        SchemaBuilder builder = SchemaBuilder.type(type);
        return optional ? builder.optional() : builder;
    }

    private static ColumnConverter simple(SchemaBuilder builder, Function<Object, Object> convert, String what) {
        return new Converter(builder.build(), convert, what);
    }

    private static ColumnConverter integer(Schema.Type type, boolean optional, long unsignedMask, String what) {
        Function<Object, Object> convert = switch (type) {
            case INT16 -> unsignedMask == 0 ? v -> ((Number) v).shortValue()
                    : v -> (short) (((Number) v).longValue() & unsignedMask);
            case INT32 -> unsignedMask == 0 ? v -> ((Number) v).intValue()
                    : v -> (int) (((Number) v).longValue() & unsignedMask);
            case INT64 -> unsignedMask == 0 ? ColumnConverters::longBits
                    : v -> ((Number) v).longValue() & unsignedMask;
            default -> throw new IllegalArgumentException(type.toString());
        };
        return new Converter(builder(type, optional).build(), convert, what);
    }

    /** The low 64 bits, so that an unsigned BIGINT read as BigInteger/BigDecimal wraps as the binlog does. */
    private static long longBits(Object value) {
        if (value instanceof BigInteger big) {
            return big.longValue();
        }
        if (value instanceof BigDecimal big) {
            return big.toBigInteger().longValue();
        }
        return ((Number) value).longValue();
    }

    private static ColumnConverter unsignedBigIntPrecise(boolean optional, String what) {
        SchemaBuilder builder = Decimal.builder(0).parameter(SemanticTypes.DECIMAL_PRECISION, "20");
        if (optional) {
            builder.optional();
        }
        return new Converter(builder.build(), v -> {
            if (v instanceof BigDecimal big) {
                return big.setScale(0, RoundingMode.UNNECESSARY);
            }
            if (v instanceof BigInteger big) {
                return new BigDecimal(big);
            }
            long bits = ((Number) v).longValue();
            return bits >= 0 ? BigDecimal.valueOf(bits) : new BigDecimal(new BigInteger(Long.toUnsignedString(bits)));
        }, what);
    }

    private static ColumnConverter decimal(ColumnDefinition column, DecimalHandlingMode mode, String what) {
        int scale = Math.max(column.scale(), 0);
        switch (mode) {
            case DOUBLE:
                return simple(builder(Schema.Type.FLOAT64, column.optional()), v -> ((Number) v).doubleValue(), what);
            case STRING:
                return simple(builder(Schema.Type.STRING, column.optional()),
                        v -> toBigDecimal(v).setScale(scale, RoundingMode.UNNECESSARY).toPlainString(), what);
            default:
                SchemaBuilder builder = Decimal.builder(scale);
                if (column.length() > 0) {
                    builder.parameter(SemanticTypes.DECIMAL_PRECISION, Integer.toString(column.length()));
                }
                if (column.optional()) {
                    builder.optional();
                }
                return new Converter(builder.build(),
                        v -> toBigDecimal(v).setScale(scale, RoundingMode.UNNECESSARY), what);
        }
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof String text) {
            return new BigDecimal(text);
        }
        return new BigDecimal(value.toString());
    }

    private static ColumnConverter text(SchemaBuilder builder, ColumnDefinition column, String what) {
        Charset charset = MySqlCharsets.forName(column.charset());
        // MySQL's JSON type travels in its binary form; MariaDB's JSON is LONGTEXT.
        boolean binaryJson = "json".equalsIgnoreCase(column.dataType());
        return new Converter(builder.build(), v -> {
            if (v instanceof String text) {
                return text;
            }
            byte[] bytes = (byte[]) v;
            if (binaryJson) {
                try {
                    return bytes.length == 0 ? "null" : JsonBinary.parseAsString(bytes);
                } catch (IOException e) {
                    throw new DataException("Cannot decode the binary JSON value of column " + what, e);
                }
            }
            return new String(bytes, charset);
        }, what);
    }

    private static ColumnConverter binary(ColumnDefinition column, BinaryHandlingMode mode, String what) {
        // BINARY(n) is padded with zero bytes; the binlog drops trailing zeros, JDBC returns them all.
        int padTo = "binary".equalsIgnoreCase(column.dataType()) ? column.length() : -1;
        Function<Object, byte[]> bytes = v -> {
            byte[] value = v instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)
                    : (byte[]) v;
            return padTo > value.length ? Arrays.copyOf(value, padTo) : value;
        };
        return switch (mode) {
            case BASE64 -> simple(builder(Schema.Type.STRING, column.optional()),
                    v -> Base64.getEncoder().encodeToString(bytes.apply(v)), what);
            case HEX -> simple(builder(Schema.Type.STRING, column.optional()),
                    v -> HexFormat.of().formatHex(bytes.apply(v)), what);
            default -> new Converter(builder(Schema.Type.BYTES, column.optional()).build(),
                    v -> ByteBuffer.wrap(bytes.apply(v)), what);
        };
    }

    private static ColumnConverter bit(ColumnDefinition column, String what) {
        int bits = Math.max(column.length(), 1);
        if (bits == 1) {
            return simple(builder(Schema.Type.BOOLEAN, column.optional()), v -> {
                if (v instanceof Boolean flag) {
                    return flag;
                }
                if (v instanceof BitSet set) {
                    return set.get(0);
                }
                if (v instanceof byte[] bytes) {
                    return bytes.length > 0 && (bytes[bytes.length - 1] & 1) != 0;
                }
                return ((Number) v).longValue() != 0;
            }, what);
        }
        int size = (bits + 7) / 8;
        SchemaBuilder builder = builder(Schema.Type.BYTES, column.optional()).name(SemanticTypes.BITS).version(1)
                .parameter(SemanticTypes.BITS_LENGTH, Integer.toString(bits));
        return new Converter(builder.build(), v -> {
            byte[] littleEndian = new byte[size];
            if (v instanceof BitSet set) {
                byte[] raw = set.toByteArray();
                System.arraycopy(raw, 0, littleEndian, 0, Math.min(raw.length, size));
            } else if (v instanceof byte[] bigEndian) {
                for (int i = 0; i < bigEndian.length && i < size; i++) {
                    littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
                }
            } else if (v instanceof Boolean flag) {
                littleEndian[0] = (byte) (flag ? 1 : 0);
            } else {
                long number = ((Number) v).longValue();
                for (int i = 0; i < size && i < 8; i++) {
                    littleEndian[i] = (byte) (number >>> (8 * i));
                }
            }
            return littleEndian;
        }, what);
    }

    private static ColumnConverter enumeration(ColumnDefinition column, String what) {
        List<String> values = column.enumValues();
        SchemaBuilder builder = builder(Schema.Type.STRING, column.optional()).name(SemanticTypes.ENUM).version(1)
                .parameter(SemanticTypes.ENUM_ALLOWED, String.join(",", values));
        String[] byIndex = values.toArray(new String[0]);
        return new Converter(builder.build(), v -> {
            if (v instanceof String text) {
                return text;
            }
            int index = ((Number) v).intValue();
            // Index 0 is the '' MySQL stores for an invalid value in non-strict mode.
            return index >= 1 && index <= byIndex.length ? byIndex[index - 1] : "";
        }, what);
    }

    private static ColumnConverter set(ColumnDefinition column, String what) {
        List<String> values = column.enumValues();
        SchemaBuilder builder = builder(Schema.Type.STRING, column.optional()).name(SemanticTypes.ENUM_SET)
                .version(1).parameter(SemanticTypes.ENUM_ALLOWED, String.join(",", values));
        String[] byBit = values.toArray(new String[0]);
        return new Converter(builder.build(), v -> {
            if (v instanceof String text) {
                return text;
            }
            long bitmap = ((Number) v).longValue();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < byBit.length && i < 64; i++) {
                if ((bitmap & (1L << i)) != 0) {
                    if (out.length() > 0) {
                        out.append(',');
                    }
                    out.append(byBit[i]);
                }
            }
            return out.toString();
        }, what);
    }

    private static ColumnConverter date(ColumnDefinition column, TimePrecisionMode mode, ZeroDateHandlingMode zero,
            String what) {
        boolean zeroIsNull = zero == ZeroDateHandlingMode.NULL && column.optional();
        if (mode == TimePrecisionMode.CONNECT) {
            SchemaBuilder builder = org.apache.kafka.connect.data.Date.builder();
            if (column.optional()) {
                builder.optional();
            }
            return new Converter(builder.build(), v -> v == ZeroDate.INSTANCE
                    ? (zeroIsNull ? null : new java.util.Date(0))
                    : new java.util.Date(((Number) v).longValue() * 86_400_000L), what);
        }
        Integer zeroDays = zeroIsNull ? null : 0;
        return new Converter(builder(Schema.Type.INT32, column.optional()).name(SemanticTypes.DATE).version(1).build(),
                v -> v == ZeroDate.INSTANCE ? zeroDays : (Object) ((Number) v).intValue(), what);
    }

    private static ColumnConverter dateTime(ColumnDefinition column, TimePrecisionMode mode,
            ZeroDateHandlingMode zero, String what) {
        boolean zeroIsNull = zero == ZeroDateHandlingMode.NULL && column.optional();
        if (mode == TimePrecisionMode.CONNECT) {
            SchemaBuilder builder = org.apache.kafka.connect.data.Timestamp.builder();
            if (column.optional()) {
                builder.optional();
            }
            return new Converter(builder.build(), v -> v == ZeroDate.INSTANCE
                    ? (zeroIsNull ? null : new java.util.Date(0))
                    : new java.util.Date(Math.floorDiv(((Number) v).longValue(), MICROS_PER_MILLI)), what);
        }
        if (column.scale() <= 3) {
            return new Converter(builder(Schema.Type.INT64, column.optional()).name(SemanticTypes.TIMESTAMP)
                    .version(1).build(), v -> v == ZeroDate.INSTANCE ? (zeroIsNull ? null : (Object) 0L)
                    : (Object) Math.floorDiv(((Number) v).longValue(), MICROS_PER_MILLI), what);
        }
        return new Converter(builder(Schema.Type.INT64, column.optional()).name(SemanticTypes.MICRO_TIMESTAMP)
                .version(1).build(), v -> v == ZeroDate.INSTANCE ? (zeroIsNull ? null : (Object) 0L)
                : (Object) ((Number) v).longValue(), what);
    }

    private static ColumnConverter timestamp(ColumnDefinition column, TimePrecisionMode mode,
            ZeroDateHandlingMode zero, String what) {
        boolean zeroIsNull = zero == ZeroDateHandlingMode.NULL && column.optional();
        int digits = Math.max(column.scale(), 0);
        // TIMESTAMP cannot hold the epoch itself (its range starts one second later): 0 is the zero value.
        return new Converter(builder(Schema.Type.STRING, column.optional()).name(SemanticTypes.ZONED_TIMESTAMP)
                .version(1).build(), v -> {
                    if (v == ZeroDate.INSTANCE || ((Number) v).longValue() == 0) {
                        return zeroIsNull ? null : isoInstant(0, digits);
                    }
                    return isoInstant(((Number) v).longValue(), digits);
                }, what);
    }

    private static ColumnConverter time(ColumnDefinition column, TimePrecisionMode mode, String what) {
        if (mode == TimePrecisionMode.CONNECT) {
            SchemaBuilder builder = org.apache.kafka.connect.data.Time.builder();
            if (column.optional()) {
                builder.optional();
            }
            // Connect's Time is a time of day: durations are folded into one day.
            return new Converter(builder.build(), v -> new java.util.Date(
                    Math.floorDiv(Math.floorMod(((Number) v).longValue(), MICROS_PER_DAY), MICROS_PER_MILLI)), what);
        }
        if (mode == TimePrecisionMode.ADAPTIVE && column.scale() <= 3) {
            return new Converter(builder(Schema.Type.INT32, column.optional()).name(SemanticTypes.TIME).version(1)
                    .build(), v -> (int) Math.floorDiv(((Number) v).longValue(), MICROS_PER_MILLI), what);
        }
        return new Converter(builder(Schema.Type.INT64, column.optional()).name(SemanticTypes.MICRO_TIME).version(1)
                .build(), v -> ((Number) v).longValue(), what);
    }

    private static ColumnConverter geometry(boolean optional, String what) {
        SchemaBuilder builder = SchemaBuilder.struct().name(SemanticTypes.GEOMETRY).version(1)
                .doc("Geometry")
                .field(SemanticTypes.GEOMETRY_WKB, Schema.BYTES_SCHEMA)
                .field(SemanticTypes.GEOMETRY_SRID, Schema.OPTIONAL_INT32_SCHEMA);
        if (optional) {
            builder.optional();
        }
        Schema schema = builder.build();
        return new Converter(schema, v -> {
            byte[] internal = (byte[]) v;
            if (internal.length < 4) {
                throw new DataException("Spatial value of " + what + " is too short: " + internal.length + " bytes");
            }
            int srid = ByteBuffer.wrap(internal, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return new Struct(schema)
                    .put(SemanticTypes.GEOMETRY_WKB, ByteBuffer.wrap(Arrays.copyOfRange(internal, 4, internal.length)))
                    .put(SemanticTypes.GEOMETRY_SRID, srid);
        }, what);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f]Z} with exactly {@code digits} fraction digits. */
    static String isoInstant(long epochMicros, int digits) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        long microOfDay = epochMicros - day * MICROS_PER_DAY;
        StringBuilder out = new StringBuilder(32);
        out.append(java.time.LocalDate.ofEpochDay(day)).append('T');
        long seconds = microOfDay / 1_000_000L;
        pad(out, seconds / 3600, 2);
        out.append(':');
        pad(out, seconds / 60 % 60, 2);
        out.append(':');
        pad(out, seconds % 60, 2);
        if (digits > 0) {
            long fraction = microOfDay % 1_000_000L;
            for (int i = 6; i > digits; i--) {
                fraction /= 10;
            }
            out.append('.');
            pad(out, fraction, digits);
        }
        return out.append('Z').toString();
    }

    private static void pad(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    /** A converter of non-null values; nulls pass through. */
    private static final class Converter implements ColumnConverter {
        private final Schema schema;
        private final Function<Object, Object> convert;
        private final String what;

        Converter(Schema schema, Function<Object, Object> convert, String what) {
            this.schema = schema;
            this.convert = convert;
            this.what = what;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Object toConnect(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return convert.apply(value);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw new DataException("Cannot convert the value of column " + what + " ("
                        + value.getClass().getSimpleName() + ") to " + schema.type()
                        + (schema.name() != null ? " " + schema.name() : ""), e);
            }
        }
    }
}
