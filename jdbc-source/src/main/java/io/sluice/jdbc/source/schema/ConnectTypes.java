package io.sluice.jdbc.source.schema;

import io.sluice.jdbc.source.config.NumericMapping;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Locale;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps JDBC result columns to plain Connect types, the same output Confluent's JDBC source gives, so consumers
 * and sinks see no difference after a switch:
 *
 * <ul>
 *   <li>BOOLEAN and BIT(1) → BOOLEAN; BIT(n) → BYTES (PostgreSQL bit strings → their text);</li>
 *   <li>TINYINT → INT8, SMALLINT → INT16, INTEGER → INT32, BIGINT → INT64; UNSIGNED columns take the next
 *       larger type, BIGINT UNSIGNED a Decimal with scale 0 so no value wraps; REAL → FLOAT32; FLOAT, DOUBLE →
 *       FLOAT64;</li>
 *   <li>NUMERIC/DECIMAL → Connect Decimal with the column's scale, or smaller types per {@code numeric.mapping};
 *       PostgreSQL NUMERIC without precision → its exact text (STRING), FLOAT64 with best_fit;</li>
 *   <li>CHAR, VARCHAR, text types, CLOB and anything the driver reports as OTHER (uuid, json, interval, ...) →
 *       STRING; BINARY, VARBINARY, BLOB → BYTES;</li>
 *   <li>DATE → Connect Date, TIME → Connect Time (milliseconds), TIMESTAMP → Connect Timestamp (milliseconds),
 *       timestamps without zone read in {@code db.timezone}.</li>
 * </ul>
 * Arrays, structs and references have no plain Connect form: such columns are left out (with a warning).
 *
 * <p>schema-support's converters write Debezium's semantic types, which is not this connector's contract, so the
 * mapping lives here; it reads with typed getters and no per-row lookups.
 */
public final class ConnectTypes {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ConnectTypes() {
    }

    /** The mapping of column {@code index} (1-based), or null when the column has no plain Connect form. */
    public static ColumnMapping map(ResultSetMetaData metaData, int index, NumericMapping numericMapping,
            Calendar zone) throws SQLException {
        String name = metaData.getColumnLabel(index);
        boolean optional = metaData.isNullable(index) != ResultSetMetaData.columnNoNulls;
        int jdbcType = metaData.getColumnType(index);
        String typeName = String.valueOf(metaData.getColumnTypeName(index)).toLowerCase(Locale.ROOT);
        int precision = metaData.getPrecision(index);
        int scale = metaData.getScale(index);
        boolean signed = metaData.isSigned(index);
        switch (jdbcType) {
            case Types.BOOLEAN:
                return new ColumnMapping(name, schema(Schema.Type.BOOLEAN, optional), row -> {
                    boolean value = row.getBoolean(index);
                    return row.wasNull() ? null : value;
                });
            case Types.BIT:
                if (precision <= 1 || typeName.startsWith("bool")) {
                    return new ColumnMapping(name, schema(Schema.Type.BOOLEAN, optional), row -> {
                        boolean value = row.getBoolean(index);
                        return row.wasNull() ? null : value;
                    });
                }
                if (typeName.equals("bit") || typeName.equals("varbit")) {
                    return text(name, index, optional);
                }
                return bytes(name, index, optional);
            case Types.TINYINT:
                return signed ? int8(name, index, optional) : int16(name, index, optional);
            case Types.SMALLINT:
                return signed ? int16(name, index, optional) : int32(name, index, optional);
            case Types.INTEGER:
                return signed ? int32(name, index, optional) : int64(name, index, optional);
            case Types.BIGINT:
                return signed ? int64(name, index, optional)
                        : numeric(name, index, optional, 20, 0, NumericMapping.NONE);
            case Types.REAL:
                return new ColumnMapping(name, schema(Schema.Type.FLOAT32, optional), row -> {
                    float value = row.getFloat(index);
                    return row.wasNull() ? null : value;
                });
            case Types.FLOAT:
            case Types.DOUBLE:
                return float64(name, index, optional);
            case Types.NUMERIC:
            case Types.DECIMAL:
                return numeric(name, index, optional, precision, scale, numericMapping);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.SQLXML:
            case Types.OTHER:
            case Types.ROWID:
                return text(name, index, optional);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return bytes(name, index, optional);
            case Types.DATE:
                return date(name, index, optional);
            case Types.TIME:
            case Types.TIME_WITH_TIMEZONE:
                return time(name, index, optional);
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return timestamp(name, index, optional, zone,
                        jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz"));
            default:
                return null;
        }
    }

    private static Schema schema(Schema.Type type, boolean optional) {
        SchemaBuilder builder = SchemaBuilder.type(type);
        return optional ? builder.optional().build() : builder.build();
    }

    private static ColumnMapping int8(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.INT8, optional), row -> {
            byte value = row.getByte(index);
            return row.wasNull() ? null : value;
        });
    }

    private static ColumnMapping int16(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.INT16, optional), row -> {
            short value = row.getShort(index);
            return row.wasNull() ? null : value;
        });
    }

    private static ColumnMapping int32(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.INT32, optional), row -> {
            int value = row.getInt(index);
            return row.wasNull() ? null : value;
        });
    }

    private static ColumnMapping int64(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.INT64, optional), row -> {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
        });
    }

    private static ColumnMapping float64(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.FLOAT64, optional), row -> {
            double value = row.getDouble(index);
            return row.wasNull() ? null : value;
        });
    }

    private static ColumnMapping text(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.STRING, optional), row -> row.getString(index));
    }

    private static ColumnMapping bytes(String name, int index, boolean optional) {
        return new ColumnMapping(name, schema(Schema.Type.BYTES, optional), row -> row.getBytes(index));
    }

    /** NUMERIC per numeric.mapping; precision 0 (or PostgreSQL's 131089) means "declared without precision". */
    static ColumnMapping numeric(String name, int index, boolean optional, int precision, int scale,
            NumericMapping mapping) {
        boolean unconstrained = precision <= 0 || precision > 1000;
        if (unconstrained) {
            return mapping == NumericMapping.BEST_FIT ? float64(name, index, optional)
                    : new ColumnMapping(name, schema(Schema.Type.STRING, optional), row -> {
                        BigDecimal value = row.getBigDecimal(index);
                        return value == null ? null : value.toPlainString();
                    });
        }
        if (mapping != NumericMapping.NONE && precision <= 18) {
            if (scale <= 0) {
                if (precision < 3) {
                    return int8(name, index, optional);
                } else if (precision < 5) {
                    return int16(name, index, optional);
                } else if (precision < 10) {
                    return int32(name, index, optional);
                }
                return int64(name, index, optional);
            }
            if (mapping == NumericMapping.BEST_FIT) {
                return float64(name, index, optional);
            }
        }
        int decimalScale = Math.max(scale, 0);
        SchemaBuilder builder = Decimal.builder(decimalScale)
                .parameter("connect.decimal.precision", Integer.toString(precision));
        Schema schema = optional ? builder.optional().build() : builder.build();
        return new ColumnMapping(name, schema, row -> {
            BigDecimal value = row.getBigDecimal(index);
            if (value == null || value.scale() == decimalScale) {
                return value;
            }
            try {
                return value.setScale(decimalScale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new DataException("Column " + name + ": " + value + " does not fit scale " + decimalScale, e);
            }
        });
    }

    /** Exact calendar date, independent of any time zone: days since the epoch as Connect's midnight-UTC Date. */
    private static ColumnMapping date(String name, int index, boolean optional) {
        Schema schema = optional ? Date.builder().optional().build() : Date.SCHEMA;
        return new ColumnMapping(name, schema, row -> {
            LocalDate value = row.getObject(index, LocalDate.class);
            return value == null ? null : new java.util.Date(value.toEpochDay() * MILLIS_PER_DAY);
        });
    }

    private static ColumnMapping time(String name, int index, boolean optional) {
        Schema schema = optional ? Time.builder().optional().build() : Time.SCHEMA;
        return new ColumnMapping(name, schema, row -> {
            LocalTime value = row.getObject(index, LocalTime.class);
            return value == null ? null : new java.util.Date(value.toNanoOfDay() / 1_000_000L);
        });
    }

    /**
     * Timestamps with a zone (PostgreSQL timestamptz) are instants already. Naive ones (PostgreSQL timestamp,
     * MySQL DATETIME, and MySQL TIMESTAMP, which arrives in the session zone set to db.timezone) are read as
     * LocalDateTime and placed in db.timezone: the same instant as getTimestamp with a calendar, without the
     * Calendar arithmetic that dominated the read time.
     */
    private static ColumnMapping timestamp(String name, int index, boolean optional, Calendar zone,
            boolean withZone) {
        Schema schema = optional ? org.apache.kafka.connect.data.Timestamp.builder().optional().build()
                : org.apache.kafka.connect.data.Timestamp.SCHEMA;
        if (withZone) {
            // As OffsetDateTime: the driver parses it directly, where getTimestamp goes through a Calendar (the
            // largest part of reading a row in a bulk copy's profile).
            return new ColumnMapping(name, schema, row -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                if (value == null) {
                    return null;
                }
                if (value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
                    return new java.util.Date(row.getTimestamp(index, zone).getTime());
                }
                return new java.util.Date(value.toInstant().toEpochMilli());
            });
        }
        ZoneId zoneId = zone.getTimeZone().toZoneId();
        return new ColumnMapping(name, schema, row -> {
            LocalDateTime value = row.getObject(index, LocalDateTime.class);
            if (value == null) {
                return null;
            }
            if (value.equals(LocalDateTime.MAX) || value.equals(LocalDateTime.MIN)) {
                // PostgreSQL's infinity: keep the driver's own representation.
                return new java.util.Date(row.getTimestamp(index, zone).getTime());
            }
            return new java.util.Date(value.atZone(zoneId).toInstant().toEpochMilli());
        });
    }

    /** Reads a timestamp column for offsets: full precision (nanoseconds), in the zone of {@code db.timezone}. */
    public static Timestamp readTimestamp(ResultSet row, int index, Calendar zone) throws SQLException {
        return row.getTimestamp(index, zone);
    }
}
