package io.sluice.schema.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps PostgreSQL columns to Connect schemas and values, as Debezium's PostgreSQL connector does.
 *
 * <p>Every converter's {@link ColumnConverter#toConnect} takes a {@link String} in PostgreSQL's text output format
 * (what pgoutput sends and {@code ResultSet.getString} returns) with {@code DateStyle=ISO} and
 * {@code IntervalStyle=postgres} or {@code iso_8601}, or null for SQL NULL.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>PostgreSQL</th><th>Connect</th></tr>
 * <tr><td>int2 / int4 / int8, oid</td><td>INT16 / INT32 / INT64, INT64</td></tr>
 * <tr><td>float4 / float8 (NaN, ±Infinity kept)</td><td>FLOAT32 / FLOAT64</td></tr>
 * <tr><td>numeric(p,s) / numeric</td><td>Decimal / VariableScaleDecimal (precise), FLOAT64, STRING</td></tr>
 * <tr><td>money</td><td>Decimal(money.fraction.digits), FLOAT64, STRING</td></tr>
 * <tr><td>bool, bit(1)</td><td>BOOLEAN</td></tr>
 * <tr><td>bit(n), varbit</td><td>Bits (BYTES, little-endian)</td></tr>
 * <tr><td>char, varchar, text, name, citext, inet, cidr, macaddr, macaddr8</td><td>STRING</td></tr>
 * <tr><td>bytea</td><td>BYTES, or STRING in base64/hex</td></tr>
 * <tr><td>date</td><td>io.debezium.time.Date, or Connect Date</td></tr>
 * <tr><td>time(p)</td><td>Time (p&le;3) / MicroTime, or Connect Time</td></tr>
 * <tr><td>timetz</td><td>ZonedTime (UTC)</td></tr>
 * <tr><td>timestamp(p)</td><td>Timestamp (p&le;3) / MicroTimestamp, or Connect Timestamp; ±infinity as Long.MAX/MIN</td></tr>
 * <tr><td>timestamptz</td><td>ZonedTimestamp (UTC); "infinity" / "-infinity"</td></tr>
 * <tr><td>interval</td><td>MicroDuration, or Interval (ISO-8601 string)</td></tr>
 * <tr><td>uuid / json, jsonb / xml</td><td>Uuid / Json / Xml</td></tr>
 * <tr><td>hstore</td><td>Json (an object of strings and nulls)</td></tr>
 * <tr><td>point</td><td>io.debezium.data.geometry.Point {x, y, wkb, srid}</td></tr>
 * <tr><td>enum types (column has enum values)</td><td>Enum</td></tr>
 * <tr><td>one-dimensional arrays of the above</td><td>ARRAY of optional elements</td></tr>
 * </table>
 */
public final class PostgresTypes {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTypes.class);

    /** SQL spellings and aliases to {@code pg_type.typname}. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("smallint", "int2"), Map.entry("smallserial", "int2"), Map.entry("serial2", "int2"),
            Map.entry("integer", "int4"), Map.entry("int", "int4"), Map.entry("serial", "int4"),
            Map.entry("serial4", "int4"),
            Map.entry("bigint", "int8"), Map.entry("bigserial", "int8"), Map.entry("serial8", "int8"),
            Map.entry("real", "float4"), Map.entry("double precision", "float8"), Map.entry("float", "float8"),
            Map.entry("decimal", "numeric"),
            Map.entry("boolean", "bool"),
            Map.entry("bit varying", "varbit"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
            Map.entry("character varying", "varchar"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"));

    private PostgresTypes() {
    }

    /**
     * The converter of one column.
     *
     * @return the converter, or {@code null} when the type cannot be mapped and the options say to skip such
     *         columns (a warning naming table, column and type is logged)
     * @throws DataException when the type cannot be mapped and the options say to fail
     */
    public static ColumnConverter converterFor(String table, String column, ColumnType type, TypeOptions options) {
        Mapping mapping = mapping(table, column, type, options);
        if (mapping == null) {
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
        return mapping.finish(table, column, type);
    }

    /** {@code pg_type.typname} of a type name, without modifiers, lower case; arrays keep their {@code _} prefix. */
    static String canonicalName(String typeName) {
        String name = typeName.trim().toLowerCase(Locale.ROOT);
        int paren = name.indexOf('(');
        if (paren >= 0) {
            int close = name.indexOf(')', paren);
            name = (name.substring(0, paren) + (close >= 0 ? name.substring(close + 1) : "")).trim();
        }
        if (name.endsWith("[]")) {
            return "_" + canonicalName(name.substring(0, name.length() - 2));
        }
        if (name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && !name.contains(" ")) {
            name = name.substring(dot + 1);
        }
        return ALIASES.getOrDefault(name, name);
    }

    private static Mapping mapping(String table, String column, ColumnType type, TypeOptions options) {
        String name = canonicalName(type.typeName());
        if (name.startsWith("_")) {
            return arrayMapping(table, column, type.withTypeName(name.substring(1)), options);
        }
        switch (name) {
            case "int2":
                return new Mapping(SchemaBuilder.int16(), v -> Short.parseShort(text(v)));
            case "int4":
                return new Mapping(SchemaBuilder.int32(), v -> Integer.parseInt(text(v)));
            case "int8":
            case "oid":
                return new Mapping(SchemaBuilder.int64(), v -> Long.parseLong(text(v)));
            case "float4":
                return new Mapping(SchemaBuilder.float32(), v -> Float.parseFloat(text(v)));
            case "float8":
                return new Mapping(SchemaBuilder.float64(), v -> Double.parseDouble(text(v)));
            case "numeric":
                return numericMapping(type, options, type.optional());
            case "money":
                return moneyMapping(options);
            case "bool":
                return new Mapping(SchemaBuilder.bool(), v -> PgText.parseBoolean(text(v)));
            case "bit":
                if (type.length() <= 1) {
                    return new Mapping(SchemaBuilder.bool(), v -> bitAsBoolean(text(v)));
                }
                return new Mapping(SemanticSchemas.bits(type.length()), v -> PgText.parseBits(text(v)));
            case "varbit":
                return new Mapping(SemanticSchemas.bits(Math.max(type.length(), 0)), v -> PgText.parseBits(text(v)));
            case "bpchar":
            case "varchar":
            case "text":
            case "name":
            case "citext":
            case "inet":
            case "cidr":
            case "macaddr":
            case "macaddr8":
            case "ltree":
                return new Mapping(SchemaBuilder.string(), PostgresTypes::text);
            case "bytea": {
                BinaryHandlingMode mode = options.binaryHandling();
                return new Mapping(BinaryEncoding.schema(mode),
                        v -> BinaryEncoding.encode(PgText.parseBytea(text(v)), mode));
            }
            case "date": {
                TimePrecisionMode mode = options.timePrecision();
                return new Mapping(Temporals.dateSchema(mode), v -> Temporals.date(PgText.parseDate(text(v)), mode));
            }
            case "time": {
                Temporals.Unit unit = Temporals.timeUnit(precision(type), options.timePrecision());
                return new Mapping(Temporals.timeSchema(unit), v -> Temporals.time(PgText.parseTime(text(v)), unit));
            }
            case "timetz":
                return new Mapping(SemanticSchemas.zonedTime(), v -> zonedTime(text(v)));
            case "timestamp": {
                Temporals.Unit unit = Temporals.timestampUnit(precision(type), options.timePrecision());
                return new Mapping(Temporals.timestampSchema(unit),
                        v -> Temporals.timestamp(PgText.parseTimestamp(text(v)), unit));
            }
            case "timestamptz":
                return new Mapping(SemanticSchemas.zonedTimestamp(), v -> zonedTimestamp(text(v)));
            case "interval":
                if (options.intervalHandling() == IntervalHandlingMode.STRING) {
                    return new Mapping(SemanticSchemas.interval(), v -> PgText.parseInterval(text(v)).toIso());
                }
                return new Mapping(SemanticSchemas.microDuration(),
                        v -> PgText.parseInterval(text(v)).approximateMicros());
            case "uuid":
                return new Mapping(SemanticSchemas.uuid(), v -> text(v).toLowerCase(Locale.ROOT));
            case "json":
            case "jsonb":
                return new Mapping(SemanticSchemas.json(), PostgresTypes::text);
            case "xml":
                return new Mapping(SemanticSchemas.xml(), PostgresTypes::text);
            case "hstore":
                return new Mapping(SemanticSchemas.json(), v -> PgText.hstoreAsJson(text(v)));
            case "point": {
                Schema point = SemanticSchemas.pointSchema(type.optional());
                return new Mapping(null, point, v -> point(text(v), point));
            }
            default:
                if (!type.enumValues().isEmpty()) {
                    return new Mapping(SemanticSchemas.enumeration(type.enumValues()), PostgresTypes::text);
                }
                return null;
        }
    }

    private static Mapping arrayMapping(String table, String column, ColumnType elementType, TypeOptions options) {
        // Elements may be NULL whatever the column's nullability.
        ColumnType element = new ColumnType(elementType.typeName(), elementType.length(), elementType.scale(), true,
                false, elementType.enumValues(), null);
        Mapping elementMapping = mapping(table, column, element, options);
        if (elementMapping == null) {
            return null;
        }
        ColumnConverter elementConverter = elementMapping.finish(table, column, element);
        Schema elementSchema = elementConverter.schema();
        return new Mapping(SchemaBuilder.array(elementSchema), v -> {
            List<String> texts = PgText.parseArray(text(v));
            List<Object> values = new ArrayList<>(texts.size());
            for (String text : texts) {
                values.add(elementConverter.toConnect(text));
            }
            return values;
        });
    }

    private static Mapping numericMapping(ColumnType type, TypeOptions options, boolean optional) {
        switch (options.decimalHandling()) {
            case DOUBLE:
                return new Mapping(SchemaBuilder.float64(), v -> Double.parseDouble(text(v)));
            case STRING:
                return new Mapping(SchemaBuilder.string(), PostgresTypes::text);
            case PRECISE:
            default:
                if (type.length() > 0) {
                    int scale = Math.max(type.scale(), 0);
                    return new Mapping(SemanticSchemas.decimal(type.length(), scale),
                            v -> preciseOrNull(text(v), scale, optional));
                }
                Schema variable = SemanticSchemas.variableScaleDecimalSchema(optional);
                return new Mapping(null, variable, v -> variableScaleOrNull(text(v), variable, optional));
        }
    }

    private static Mapping moneyMapping(TypeOptions options) {
        int digits = options.moneyFractionDigits();
        switch (options.decimalHandling()) {
            case DOUBLE:
                return new Mapping(SchemaBuilder.float64(), v -> PgText.parseMoney(text(v), digits).doubleValue());
            case STRING:
                return new Mapping(SchemaBuilder.string(), v -> PgText.parseMoney(text(v), digits).toPlainString());
            case PRECISE:
            default:
                return new Mapping(SemanticSchemas.decimal(0, digits), v -> PgText.parseMoney(text(v), digits));
        }
    }

    /** NaN and the infinities have no Decimal form: null when the column allows it (as Debezium), else an error. */
    private static BigDecimal preciseOrNull(String text, int scale, boolean optional) {
        if (isSpecialNumeric(text)) {
            return specialAsNull(text, optional);
        }
        return new BigDecimal(text).setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    private static Struct variableScaleOrNull(String text, Schema schema, boolean optional) {
        if (isSpecialNumeric(text)) {
            return specialAsNull(text, optional);
        }
        BigDecimal value = new BigDecimal(text);
        return new Struct(schema)
                .put(SemanticTypes.VARIABLE_SCALE_DECIMAL_SCALE, value.scale())
                .put(SemanticTypes.VARIABLE_SCALE_DECIMAL_VALUE, value.unscaledValue().toByteArray());
    }

    private static boolean isSpecialNumeric(String text) {
        char c = text.charAt(0);
        return c == 'N' || c == 'I' || (c == '-' && text.length() > 1 && text.charAt(1) == 'I');
    }

    private static <T> T specialAsNull(String text, boolean optional) {
        if (optional) {
            return null;
        }
        throw new IllegalArgumentException(text + " has no exact decimal form; use decimal.handling.mode=double "
                + "or string to keep it");
    }

    /** A point with its x, y and WKB (little-endian), without SRID, as Debezium writes PostgreSQL points. */
    private static Struct point(String text, Schema schema) {
        double[] xy = PgText.parsePoint(text);
        byte[] wkb = java.nio.ByteBuffer.allocate(21).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).putInt(1).putDouble(xy[0]).putDouble(xy[1]).array();
        return new Struct(schema)
                .put(SemanticTypes.POINT_X, xy[0])
                .put(SemanticTypes.POINT_Y, xy[1])
                .put(SemanticTypes.GEOMETRY_WKB, wkb);
    }

    private static boolean bitAsBoolean(String text) {
        if (text.equals("1")) {
            return true;
        } else if (text.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("not a single bit");
    }

    private static String zonedTime(String text) {
        StringBuilder out = new StringBuilder(20);
        EpochMath.appendTime(out, PgText.parseTimeWithZoneAsUtc(text), -1);
        return out.append('Z').toString();
    }

    private static String zonedTimestamp(String text) {
        long micros = PgText.parseTimestamp(text);
        if (micros == PgText.POSITIVE_INFINITY) {
            return "infinity";
        }
        if (micros == PgText.NEGATIVE_INFINITY) {
            return "-infinity";
        }
        return Temporals.zonedTimestamp(micros, -1);
    }

    /** Declared fractional-second digits; PostgreSQL's default is 6. */
    private static int precision(ColumnType type) {
        return type.length() < 0 ? 6 : type.length();
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("expected PostgreSQL text output (String)");
    }

    /** A schema under construction and the conversion of values into it. */
    private static final class Mapping {
        private final SchemaBuilder builder;
        private final Schema prebuilt;
        private final Function<Object, Object> conversion;

        Mapping(SchemaBuilder builder, Function<Object, Object> conversion) {
            this(builder, null, conversion);
        }

        /** With {@code prebuilt} set, the schema is shared and the column's optionality is already in it. */
        Mapping(SchemaBuilder builder, Schema prebuilt, Function<Object, Object> conversion) {
            this.builder = builder;
            this.prebuilt = prebuilt;
            this.conversion = conversion;
        }

        ColumnConverter finish(String table, String column, ColumnType type) {
            return ColumnSchemas.finish(table, column, type, builder, prebuilt, conversion);
        }
    }
}
