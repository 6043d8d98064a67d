package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.ConnectValues;
import io.sluice.schema.types.SemanticTypes;
import io.sluice.jdbc.sink.record.ValueKind;
import java.sql.Types;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * MySQL: {@code INSERT ... ON DUPLICATE KEY UPDATE}. From 8.0.19 the new row is referred to through a row
 * alias ({@code AS new ... c = new.c}); older servers and unknown versions use {@code VALUES(c)}.
 */
public class MySqlDialect extends BaseDialect {

    static final String ROW_ALIAS = "sluice_new";

    private final boolean rowAlias;

    public MySqlDialect(boolean rowAlias) {
        super('`');
        this.rowAlias = rowAlias;
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String foldUnquoted(String identifier) {
        return identifier;
    }

    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public int maxBindParameters() {
        return 65535;
    }

    @Override
    public String upsert(TableName table, List<String> keyColumns, List<String> valueColumns) {
        StringBuilder sql = new StringBuilder(insert(table, keyColumns, valueColumns));
        if (rowAlias) {
            sql.append(" AS ").append(ROW_ALIAS);
        }
        sql.append(" ON DUPLICATE KEY UPDATE ");
        StringJoiner set = new StringJoiner(",");
        if (valueColumns.isEmpty()) {
            // Nothing to change; assigning a key column to itself keeps other errors visible (unlike INSERT IGNORE).
            String k = quote(keyColumns.get(0));
            set.add(k + "=" + k);
        }
        for (String c : valueColumns) {
            set.add(quote(c) + "=" + newValue(quote(c)));
        }
        return sql.append(set).toString();
    }

    /** How the update clause refers to the value the insert proposed. */
    String newValue(String quotedColumn) {
        return rowAlias ? ROW_ALIAS + "." + quotedColumn : "VALUES(" + quotedColumn + ")";
    }

    /** New rows through LOAD DATA LOCAL INFILE; see {@link MySqlLoadData}. */
    @Override
    public BulkLoad bulkLoad(TableName table, List<Column> columns, List<String> names, int keyCount,
                             boolean upsert, ZoneId zone) {
        return MySqlLoadData.of(this, table, columns, names, zone);
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(schema);
    }

    /** A DELETE, not TRUNCATE: TRUNCATE commits the open transaction in MySQL and MariaDB. */
    @Override
    public String truncate(TableName table) {
        return "DELETE FROM " + qualified(table);
    }

    @Override
    public String columnType(Column column) {
        return switch (column.kind()) {
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            // Key columns need a bounded length to be indexed.
            case STRING -> column.key() ? "VARCHAR(255)" : "LONGTEXT";
            case BYTES -> column.key() ? "VARBINARY(255)" : "LONGBLOB";
            case DECIMAL -> {
                int precision = ConnectValues.decimalPrecision(column.schema());
                int scale = Math.min(ConnectValues.decimalScale(column.schema()), 30);
                yield "DECIMAL(" + (precision > 0 ? Math.min(Math.max(precision, scale), 65) : 65) + "," + scale + ")";
            }
            case VARIABLE_DECIMAL -> "DECIMAL(65,30)";
            case DATE_CONNECT, DATE_DAYS -> "DATE";
            case TIME_CONNECT, TIME_MILLIS -> "TIME(3)";
            case TIME_MICROS, TIME_NANOS, ZONED_TIME -> "TIME(6)";
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS -> "DATETIME(3)";
            case TIMESTAMP_MICROS, TIMESTAMP_NANOS, ZONED_TIMESTAMP -> "DATETIME(6)";
            case DURATION_MICROS -> "BIGINT";
            case INTERVAL_ISO -> "VARCHAR(64)";
            case YEAR -> "YEAR";
            case JSON -> "JSON";
            case UUID -> "CHAR(36)";
            case XML -> "LONGTEXT";
            case BITS -> {
                int length = ConnectValues.intParameter(column.schema(), SemanticTypes.BITS_LENGTH, 64);
                yield length >= 1 && length <= 64 ? "BIT(" + length + ")" : "LONGBLOB";
            }
            case ENUM -> listType("ENUM", column, "VARCHAR(255)");
            case ENUM_SET -> listType("SET", column, "TEXT");
        };
    }

    /** ENUM('a','b') or SET('a','b') from the schema's allowed values; the fallback when none are given. */
    private static String listType(String type, Column column, String fallback) {
        String allowed = column.schema().parameters() == null ? null
                : column.schema().parameters().get(SemanticTypes.ENUM_ALLOWED);
        if (allowed == null || allowed.isEmpty()) {
            return fallback;
        }
        StringJoiner values = new StringJoiner(",", type + "(", ")");
        for (String v : allowed.split(",")) {
            values.add("'" + v.replace("\\", "\\\\").replace("'", "''") + "'");
        }
        return values.toString();
    }

    @Override
    public ColumnBinder binder(Column column, ZoneId zone) {
        if (column.kind() == null) {
            return untypedBinder();
        }
        ValueKind kind = column.kind();
        return switch (kind) {
            // TIME columns hold durations from -838:59:59 to 838:59:59, which MySQL sources produce too.
            case TIME_CONNECT, TIME_MILLIS, TIME_MICROS, TIME_NANOS -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIME);
                    return;
                }
                long nanos = ConnectValues.timeNanos(kind, v);
                if (nanos >= 0 && nanos < 86_400_000_000_000L) {
                    ps.setObject(i, java.time.LocalTime.ofNanoOfDay(nanos));
                } else {
                    ps.setString(i, ConnectValues.mysqlTime(nanos));
                }
            };
            case ZONED_TIMESTAMP -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIMESTAMP);
                } else {
                    ps.setObject(i, ConnectValues.localDateTime(kind, v, zone));
                }
            };
            case ZONED_TIME -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIME);
                } else {
                    ps.setObject(i, ConnectValues.localTime(v, zone));
                }
            };
            case DURATION_MICROS -> plainBinder(ValueKind.INT64, zone);
            default -> plainBinder(kind, zone);
            case BITS -> {
                int length = ConnectValues.intParameter(column.schema(), SemanticTypes.BITS_LENGTH, 64);
                if (length > 64) {
                    yield plainBinder(ValueKind.BYTES, zone);
                }
                yield (ps, i, v) -> {
                    if (v == null) {
                        ps.setNull(i, Types.BIGINT);
                    } else {
                        ps.setLong(i, ConnectValues.bitsAsLong(v));
                    }
                };
            }
            case JSON, UUID, XML, ENUM, ENUM_SET, INTERVAL_ISO -> plainBinder(ValueKind.STRING, zone);
        };
    }

    @Override
    public void addBatchRewriting(String url, Properties driverProperties) {
        addUnlessInUrl(url, driverProperties, "rewriteBatchedStatements", "true");
    }

    /**
     * Incorrect value (1366), truncated value (1292, 1265), too long (1406), out of range (1264), NULL into
     * NOT NULL (1048), duplicate key (1062), foreign key (1452, 1451), check constraint (3819, 4025 MariaDB).
     */
    @Override
    public boolean isRecordErrorCode(int code) {
        return switch (code) {
            case 1366, 1292, 1265, 1406, 1264, 1048, 1062, 1452, 1451, 3819, 4025 -> true;
            default -> false;
        };
    }

    /** Lock wait timeout (1205) and deadlock (1213); lost connections (2006, 2013). */
    @Override
    public boolean isTransientErrorCode(int code) {
        return code == 1205 || code == 1213 || code == 2006 || code == 2013;
    }
}
