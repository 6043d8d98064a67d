package io.sluice.schema.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps MySQL and MariaDB columns to Connect schemas and values, as Debezium's MySQL connector does.
 *
 * <p>Converters take the Java values that JDBC's {@code getObject} returns; binlog readers normalise their values
 * to one of the accepted types below (or null for SQL NULL, and for MySQL's zero dates):
 *
 * <table>
 * <caption>Accepted values and results</caption>
 * <tr><th>MySQL</th><th>accepted Java values</th><th>Connect</th></tr>
 * <tr><td>BOOLEAN, BOOL</td><td>Boolean, Number (0 = false)</td><td>BOOLEAN</td></tr>
 * <tr><td>TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT (UNSIGNED)</td><td>any Number; for UNSIGNED columns a
 *     negative value is read as the unsigned value of the column's width (binlog readers deliver it so)</td>
 *     <td>INT16 (TINYINT, SMALLINT), INT32 (MEDIUMINT, INT, SMALLINT UNSIGNED), INT64 (BIGINT, INT UNSIGNED);
 *     BIGINT UNSIGNED: INT64 or Decimal(20,0) per bigint.unsigned.handling.mode</td></tr>
 * <tr><td>FLOAT / DOUBLE, REAL</td><td>Number</td><td>FLOAT32 / FLOAT64</td></tr>
 * <tr><td>DECIMAL, NUMERIC</td><td>BigDecimal, Number, String</td><td>Decimal, FLOAT64 or STRING</td></tr>
 * <tr><td>BIT(1) / BIT(n)</td><td>Boolean, Number, byte[] (big-endian, as JDBC), BitSet (as the binlog)</td>
 *     <td>BOOLEAN / Bits (little-endian bytes)</td></tr>
 * <tr><td>CHAR, VARCHAR, *TEXT</td><td>String, byte[] (UTF-8)</td><td>STRING</td></tr>
 * <tr><td>BINARY, VARBINARY, *BLOB</td><td>byte[], ByteBuffer</td><td>BYTES or base64/hex STRING</td></tr>
 * <tr><td>DATE</td><td>LocalDate, java.sql.Date</td><td>io.debezium.time.Date or Connect Date</td></tr>
 * <tr><td>TIME(p)</td><td>Duration (may be negative or exceed a day), LocalTime, java.sql.Time, String
 *     {@code [-]H+:MM:SS[.ffffff]}</td><td>Time (p&le;3) / MicroTime, or Connect Time</td></tr>
 * <tr><td>DATETIME(p)</td><td>LocalDateTime, java.sql.Timestamp (its wall clock), String
 *     {@code YYYY-MM-DD HH:MM:SS[.ffffff]}</td><td>Timestamp (p&le;3) / MicroTimestamp, or Connect Timestamp</td></tr>
 * <tr><td>TIMESTAMP(p)</td><td>Instant, OffsetDateTime, ZonedDateTime, java.sql.Timestamp (its instant),
 *     LocalDateTime (read as UTC)</td><td>ZonedTimestamp in UTC</td></tr>
 * <tr><td>YEAR</td><td>Number, java.sql.Date, LocalDate, java.time.Year</td><td>io.debezium.time.Year (INT32)</td></tr>
 * <tr><td>ENUM / SET</td><td>String, or Number: 1-based index / bit mask (as the binlog)</td><td>Enum / EnumSet</td></tr>
 * <tr><td>JSON</td><td>String, byte[] (UTF-8 text)</td><td>Json</td></tr>
 * <tr><td>GEOMETRY, POINT, ... (spatial)</td><td>byte[] in MySQL's internal form: 4-byte little-endian SRID
 *     then WKB (as JDBC and the binlog deliver)</td><td>Geometry {wkb, srid}</td></tr>
 * </table>
 */
public final class MySqlTypes {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlTypes.class);
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private MySqlTypes() {
    }

    /**
     * The converter of one column.
     *
     * @return the converter, or {@code null} when the type cannot be mapped and the options say to skip such
     *         columns (a warning naming table, column and type is logged)
     * @throws DataException when the type cannot be mapped and the options say to fail
     */
    public static ColumnConverter converterFor(String table, String column, ColumnType type, TypeOptions options) {
        String name = canonicalName(type.typeName());
        Schema prebuilt = null;
        SchemaBuilder builder;
        Function<Object, Object> conversion;
        boolean unsigned = type.unsigned() || type.typeName().toLowerCase(Locale.ROOT).contains("unsigned");
        switch (name) {
            case "BOOLEAN":
            case "BOOL":
                builder = SchemaBuilder.bool();
                conversion = MySqlTypes::bool;
                break;
            case "TINYINT":
                builder = SchemaBuilder.int16();
                conversion = unsigned ? v -> (short) unsignedLong(v, 8) : v -> number(v).shortValue();
                break;
            case "SMALLINT":
                if (unsigned) {
                    builder = SchemaBuilder.int32();
                    conversion = v -> (int) unsignedLong(v, 16);
                } else {
                    builder = SchemaBuilder.int16();
                    conversion = v -> number(v).shortValue();
                }
                break;
            case "MEDIUMINT":
                builder = SchemaBuilder.int32();
                conversion = unsigned ? v -> (int) unsignedLong(v, 24) : v -> number(v).intValue();
                break;
            case "INT":
            case "INTEGER":
                if (unsigned) {
                    builder = SchemaBuilder.int64();
                    conversion = v -> unsignedLong(v, 32);
                } else {
                    builder = SchemaBuilder.int32();
                    conversion = v -> number(v).intValue();
                }
                break;
            case "BIGINT":
                if (unsigned && options.unsignedBigIntHandling() == UnsignedBigIntHandlingMode.PRECISE) {
                    builder = SemanticSchemas.decimal(20, 0);
                    conversion = v -> new BigDecimal(unsignedBigInteger(v));
                } else {
                    builder = SchemaBuilder.int64();
                    conversion = v -> number(v).longValue();
                }
                break;
            case "FLOAT":
                builder = SchemaBuilder.float32();
                conversion = v -> number(v).floatValue();
                break;
            case "DOUBLE":
            case "REAL":
                builder = SchemaBuilder.float64();
                conversion = v -> number(v).doubleValue();
                break;
            case "DECIMAL":
                switch (options.decimalHandling()) {
                    case DOUBLE:
                        builder = SchemaBuilder.float64();
                        conversion = v -> decimal(v).doubleValue();
                        break;
                    case STRING:
                        builder = SchemaBuilder.string();
                        conversion = v -> decimal(v).toPlainString();
                        break;
                    case PRECISE:
                    default: {
                        int scale = Math.max(type.scale(), 0);
                        builder = SemanticSchemas.decimal(type.length() > 0 ? type.length() : 10, scale);
                        conversion = v -> decimal(v).setScale(scale, RoundingMode.UNNECESSARY);
                        break;
                    }
                }
                break;
            case "BIT": {
                int bits = Math.max(type.length(), 1);
                if (bits == 1) {
                    builder = SchemaBuilder.bool();
                    conversion = MySqlTypes::bitAsBoolean;
                } else {
                    builder = SemanticSchemas.bits(bits);
                    conversion = v -> bits(v, bits);
                }
                break;
            }
            case "CHAR":
            case "VARCHAR":
            case "TINYTEXT":
            case "TEXT":
            case "MEDIUMTEXT":
            case "LONGTEXT":
                builder = SchemaBuilder.string();
                conversion = MySqlTypes::text;
                break;
            case "BINARY":
            case "VARBINARY":
            case "TINYBLOB":
            case "BLOB":
            case "MEDIUMBLOB":
            case "LONGBLOB": {
                BinaryHandlingMode mode = options.binaryHandling();
                builder = BinaryEncoding.schema(mode);
                conversion = v -> BinaryEncoding.encode(BinaryEncoding.bytesOf(v), mode);
                break;
            }
            case "DATE": {
                TimePrecisionMode mode = options.timePrecision();
                builder = Temporals.dateSchema(mode);
                conversion = v -> Temporals.date(epochDay(v), mode);
                break;
            }
            case "TIME": {
                Temporals.Unit unit = Temporals.timeUnit(Math.max(type.length(), 0), options.timePrecision());
                builder = Temporals.timeSchema(unit);
                conversion = v -> time(timeMicros(v), unit);
                break;
            }
            case "DATETIME": {
                Temporals.Unit unit = Temporals.timestampUnit(Math.max(type.length(), 0), options.timePrecision());
                builder = Temporals.timestampSchema(unit);
                conversion = v -> Temporals.timestamp(dateTimeMicros(v), unit);
                break;
            }
            case "TIMESTAMP":
                builder = SemanticSchemas.zonedTimestamp();
                conversion = v -> Temporals.zonedTimestamp(instantMicros(v), -1);
                break;
            case "YEAR":
                builder = options.timePrecision() == TimePrecisionMode.CONNECT ? SchemaBuilder.int32()
                        : SemanticSchemas.year();
                conversion = MySqlTypes::year;
                break;
            case "ENUM": {
                List<String> values = type.enumValues();
                builder = SemanticSchemas.enumeration(values);
                conversion = v -> enumValue(v, values);
                break;
            }
            case "SET": {
                List<String> values = type.enumValues();
                builder = SemanticSchemas.enumSet(values);
                conversion = v -> setValue(v, values);
                break;
            }
            case "JSON":
                builder = SemanticSchemas.json();
                conversion = MySqlTypes::text;
                break;
            case "GEOMETRY":
            case "POINT":
            case "LINESTRING":
            case "POLYGON":
            case "MULTIPOINT":
            case "MULTILINESTRING":
            case "MULTIPOLYGON":
            case "GEOMETRYCOLLECTION":
            case "GEOMCOLLECTION": {
                Schema geometry = SemanticSchemas.geometrySchema(type.optional());
                prebuilt = geometry;
                builder = null;
                conversion = v -> geometry(v, geometry);
                break;
            }
            default: {
                String message = "Cannot map column " + column + " of table " + table + ": Sluice has no Connect schema "
                        + "for its type " + type.typeName();
                if (options.unsupportedTypeHandling() == UnsupportedTypeHandlingMode.SKIP) {
                    LOG.warn("{}; the column is left out of events ({}=skip)", message,
                            TypeOptions.UNSUPPORTED_TYPE_HANDLING_MODE_CONFIG);
                    return null;
                }
                throw new DataException(message + "; set " + TypeOptions.UNSUPPORTED_TYPE_HANDLING_MODE_CONFIG
                        + "=skip to leave such columns out");
            }
        }
        return ColumnSchemas.finish(table, column, type, builder, prebuilt, conversion);
    }

    /** Upper-case data type without length, {@code UNSIGNED}, {@code ZEROFILL}; aliases resolved. */
    static String canonicalName(String typeName) {
        String name = typeName.trim().toUpperCase(Locale.ROOT);
        int paren = name.indexOf('(');
        if (paren >= 0) {
            name = name.substring(0, paren);
        }
        int space = name.indexOf(' ');
        if (space >= 0) {
            String first = name.substring(0, space);
            name = first.equals("DOUBLE") || first.equals("LONG") || first.equals("CHARACTER")
                    || first.equals("NATIONAL") ? name : first;
        }
        switch (name) {
            case "INTEGER":
                return "INT";
            case "MIDDLEINT":
                return "MEDIUMINT";
            case "DOUBLE PRECISION":
            case "FLOAT8":
                return "DOUBLE";
            case "FLOAT4":
                return "FLOAT";
            case "NUMERIC":
            case "DEC":
            case "FIXED":
                return "DECIMAL";
            case "CHARACTER":
            case "NCHAR":
            case "NATIONAL CHAR":
            case "NATIONAL CHARACTER":
                return "CHAR";
            case "CHARACTER VARYING":
            case "NVARCHAR":
            case "NATIONAL VARCHAR":
                return "VARCHAR";
            case "LONG VARCHAR":
            case "LONG":
                return "MEDIUMTEXT";
            case "LONG VARBINARY":
                return "MEDIUMBLOB";
            default:
                return name;
        }
    }

    // --- value readers ---

    private static Number number(Object value) {
        if (value instanceof Number number) {
            return number;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        throw new IllegalArgumentException("expected a Number");
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        return number(value).longValue() != 0;
    }

    /** Reads an unsigned value of {@code bits} width; negative inputs are the signed reading of the same bits. */
    private static long unsignedLong(Object value, int bits) {
        long v = number(value).longValue();
        return v < 0 ? v + (1L << bits) : v;
    }

    private static BigInteger unsignedBigInteger(Object value) {
        if (value instanceof BigInteger big) {
            return big.signum() < 0 ? big.add(TWO_TO_64) : big;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toBigIntegerExact();
        }
        long v = number(value).longValue();
        return v < 0 ? BigInteger.valueOf(v).add(TWO_TO_64) : BigInteger.valueOf(v);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String text) {
            return new BigDecimal(text.trim());
        }
        throw new IllegalArgumentException("expected a BigDecimal");
    }

    private static boolean bitAsBoolean(Object value) {
        if (value instanceof byte[] bytes) {
            for (byte b : bytes) {
                if (b != 0) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof BitSet set) {
            return set.get(0);
        }
        return bool(value);
    }

    /** Little-endian bytes of {@code bits} bits, as Debezium's Bits. */
    private static byte[] bits(Object value, int bits) {
        byte[] out = new byte[(bits + 7) / 8];
        if (value instanceof byte[] bigEndian) {
            for (int i = 0; i < bigEndian.length && i < out.length; i++) {
                out[i] = bigEndian[bigEndian.length - 1 - i];
            }
        } else if (value instanceof BitSet set) {
            byte[] little = set.toByteArray();
            System.arraycopy(little, 0, out, 0, Math.min(little.length, out.length));
        } else {
            long v = number(value).longValue();
            for (int i = 0; i < out.length && i < 8; i++) {
                out[i] = (byte) (v >>> (8 * i));
            }
        }
        return out;
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("expected a String");
    }

    private static long epochDay(Object value) {
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toEpochDay();
        }
        throw new IllegalArgumentException("expected a LocalDate or java.sql.Date");
    }

    private static long timeMicros(Object value) {
        if (value instanceof Duration duration) {
            return duration.getSeconds() * EpochMath.MICROS_PER_SECOND + duration.getNano() / 1000;
        }
        if (value instanceof LocalTime time) {
            return time.toNanoOfDay() / 1000;
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toNanoOfDay() / 1000;
        }
        if (value instanceof String text) {
            return parseTime(text.trim());
        }
        throw new IllegalArgumentException("expected a Duration, LocalTime, java.sql.Time or String");
    }

    /** {@code [-]H+:MM:SS[.ffffff]}. */
    private static long parseTime(String text) {
        boolean negative = text.startsWith("-");
        int p = negative ? 1 : 0;
        int colon = text.indexOf(':', p);
        long hours = Long.parseLong(text, p, colon, 10);
        int minutes = Integer.parseInt(text, colon + 1, colon + 3, 10);
        if (text.charAt(colon + 3) != ':') {
            throw new IllegalArgumentException("expected [-]H:MM:SS");
        }
        int seconds = Integer.parseInt(text, colon + 4, colon + 6, 10);
        long micros = 0;
        if (text.length() > colon + 6) {
            if (text.charAt(colon + 6) != '.') {
                throw new IllegalArgumentException("expected a fraction");
            }
            String fraction = (text.substring(colon + 7) + "000000").substring(0, 6);
            micros = Long.parseLong(fraction);
        }
        long total = hours * EpochMath.MICROS_PER_HOUR + minutes * EpochMath.MICROS_PER_MINUTE
                + seconds * EpochMath.MICROS_PER_SECOND + micros;
        return negative ? -total : total;
    }

    private static Object time(long micros, Temporals.Unit unit) {
        switch (unit) {
            case MILLIS:
                return Math.toIntExact(Math.floorDiv(micros, 1000L));
            case CONNECT:
                if (micros < 0 || micros >= EpochMath.MICROS_PER_DAY) {
                    throw new IllegalArgumentException("TIME outside 00:00:00-23:59:59 cannot be written as Connect "
                            + "Time; use time.precision.mode=adaptive_time_microseconds");
                }
                return new java.util.Date(micros / 1000L);
            case MICROS:
            default:
                return micros;
        }
    }

    private static long dateTimeMicros(Object value) {
        LocalDateTime dateTime;
        if (value instanceof LocalDateTime local) {
            dateTime = local;
        } else if (value instanceof java.sql.Timestamp timestamp) {
            dateTime = timestamp.toLocalDateTime();
        } else if (value instanceof String text) {
            dateTime = LocalDateTime.parse(text.trim().replace(' ', 'T'));
        } else {
            throw new IllegalArgumentException("expected a LocalDateTime, java.sql.Timestamp or String");
        }
        return dateTime.toLocalDate().toEpochDay() * EpochMath.MICROS_PER_DAY + dateTime.toLocalTime().toNanoOfDay() / 1000;
    }

    private static long instantMicros(Object value) {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime offset) {
            instant = offset.toInstant();
        } else if (value instanceof ZonedDateTime zoned) {
            instant = zoned.toInstant();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            instant = timestamp.toInstant();
        } else if (value instanceof LocalDateTime local) {
            instant = local.toInstant(java.time.ZoneOffset.UTC);
        } else {
            throw new IllegalArgumentException("expected an Instant, OffsetDateTime, ZonedDateTime, "
                    + "java.sql.Timestamp or LocalDateTime");
        }
        return instant.getEpochSecond() * EpochMath.MICROS_PER_SECOND + instant.getNano() / 1000;
    }

    private static int year(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().getYear();
        }
        if (value instanceof LocalDate date) {
            return date.getYear();
        }
        if (value instanceof java.time.Year year) {
            return year.getValue();
        }
        throw new IllegalArgumentException("expected a Number, java.sql.Date, LocalDate or Year");
    }

    private static String enumValue(Object value, List<String> values) {
        if (value instanceof String text) {
            return text;
        }
        int index = number(value).intValue();
        if (index == 0) {
            // MySQL's error value for an invalid ENUM in non-strict mode.
            return "";
        }
        if (index < 0 || index > values.size()) {
            throw new IllegalArgumentException("ENUM index " + index + " outside the " + values.size() + " values");
        }
        return values.get(index - 1);
    }

    private static String setValue(Object value, List<String> values) {
        if (value instanceof String text) {
            return text;
        }
        long mask = number(value).longValue();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size() && i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(values.get(i));
            }
        }
        return out.toString();
    }

    private static Struct geometry(Object value, Schema schema) {
        byte[] bytes = BinaryEncoding.bytesOf(value);
        if (bytes.length < 4) {
            throw new IllegalArgumentException("a geometry needs a 4-byte SRID and WKB");
        }
        int srid = ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] wkb = java.util.Arrays.copyOfRange(bytes, 4, bytes.length);
        return new Struct(schema)
                .put(SemanticTypes.GEOMETRY_WKB, wkb)
                .put(SemanticTypes.GEOMETRY_SRID, srid);
    }
}
