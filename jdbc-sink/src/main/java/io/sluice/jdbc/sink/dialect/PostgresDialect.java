package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.ConnectValues;
import io.sluice.schema.types.SemanticTypes;
import io.sluice.jdbc.sink.record.ValueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.StringJoiner;

/** PostgreSQL: {@code INSERT ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c}. */
public final class PostgresDialect extends BaseDialect {

    public PostgresDialect() {
        super('"');
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Long transactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT txid_current()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Asks {@code txid_status}. A transaction whose session was just terminated may still show as in progress for
     * a moment while its backend exits: that is asked again, for up to ten seconds.
     */
    @Override
    public boolean committed(Connection connection, long transactionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT txid_status(?)")) {
            statement.setLong(1, transactionId);
            for (int attempt = 0; ; attempt++) {
                String status;
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    status = rows.getString(1);
                }
                if (!"in progress".equals(status) || attempt >= 100) {
                    return "committed".equals(status);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while asking whether transaction " + transactionId
                            + " committed", e);
                }
            }
        }
    }

    @Override
    public String foldUnquoted(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    /** NAMEDATALEN - 1 bytes; PostgreSQL silently truncates longer names, so we refuse them instead. */
    @Override
    public int maxIdentifierLength() {
        return 63;
    }

    @Override
    public int identifierLength(String identifier) {
        return identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The wire protocol counts parameters in 16 bits. */
    @Override
    public int maxBindParameters() {
        return 32767;
    }

    @Override
    public String upsert(TableName table, List<String> keyColumns, List<String> valueColumns) {
        return insert(table, keyColumns, valueColumns) + onConflict(keyColumns, valueColumns);
    }

    /** {@code ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c}, or {@code DO NOTHING} without value columns. */
    String onConflict(List<String> keyColumns, List<String> valueColumns) {
        StringJoiner key = new StringJoiner(",");
        keyColumns.forEach(c -> key.add(quote(c)));
        StringBuilder sql = new StringBuilder(" ON CONFLICT (").append(key).append(") DO ");
        if (valueColumns.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        StringJoiner set = new StringJoiner(",");
        valueColumns.forEach(c -> set.add(quote(c) + "=EXCLUDED." + quote(c)));
        return sql.append("UPDATE SET ").append(set).toString();
    }

    /** COPY into a staging table, then one INSERT ... SELECT; see {@link PostgresCopyLoad}. */
    @Override
    public BulkLoad bulkLoad(TableName table, List<Column> columns, List<String> names, int keyCount,
                             boolean upsert, ZoneId zone) {
        return PostgresCopyLoad.of(this, table, columns, names, keyCount, upsert, zone);
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    @Override
    public String truncate(TableName table) {
        return "TRUNCATE TABLE " + qualified(table);
    }

    @Override
    public String columnType(Column column) {
        return switch (column.kind()) {
            case INT8, INT16 -> "SMALLINT";
            case INT32, YEAR -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING, ENUM, ENUM_SET -> "TEXT";
            case BYTES -> "BYTEA";
            case DECIMAL -> {
                int precision = ConnectValues.decimalPrecision(column.schema());
                int scale = ConnectValues.decimalScale(column.schema());
                yield precision > 0 && precision <= 1000 && scale <= precision
                        ? "NUMERIC(" + precision + "," + scale + ")" : "NUMERIC";
            }
            case VARIABLE_DECIMAL -> "NUMERIC";
            case DATE_CONNECT, DATE_DAYS -> "DATE";
            case TIME_CONNECT, TIME_MILLIS -> "TIME(3)";
            case TIME_MICROS, TIME_NANOS -> "TIME(6)";
            case ZONED_TIME -> "TIMETZ";
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS -> "TIMESTAMP(3)";
            case TIMESTAMP_MICROS, TIMESTAMP_NANOS -> "TIMESTAMP(6)";
            case ZONED_TIMESTAMP -> "TIMESTAMPTZ";
            case DURATION_MICROS, INTERVAL_ISO -> "INTERVAL";
            case JSON -> "JSONB";
            case UUID -> "UUID";
            case XML -> "XML";
            case BITS -> {
                int length = ConnectValues.intParameter(column.schema(), SemanticTypes.BITS_LENGTH, 0);
                yield length > 0 ? "BIT VARYING(" + length + ")" : "BIT VARYING";
            }
        };
    }

    @Override
    public ColumnBinder binder(Column column, ZoneId zone) {
        if (column.kind() == null) {
            // Schemaless: let the server cast text to the column's type (timestamps, json, uuid...).
            return (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.NULL);
                } else if (v instanceof String s) {
                    ps.setObject(i, s, Types.OTHER);
                } else {
                    ps.setObject(i, v);
                }
            };
        }
        ValueKind kind = column.kind();
        if (kind == ValueKind.STRING) {
            // Untyped, so that text also goes into existing json, jsonb, uuid, enum or date columns, as it would
            // in an INSERT written by hand; a typed varchar parameter is refused by such columns.
            return untyped(v -> (String) v);
        }
        ColumnBinder plain = plainBinder(kind, zone);
        if (plain != null) {
            return plain;
        }
        return switch (kind) {
            case ZONED_TIMESTAMP -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(i, ConnectValues.zonedTimestamp(v));
                }
            };
            case DURATION_MICROS -> untyped(v -> ((Number) v).longValue() + " microseconds");
            case BITS -> {
                int length = ConnectValues.intParameter(column.schema(), SemanticTypes.BITS_LENGTH, 0);
                yield untyped(v -> ConnectValues.bitString(v, length));
            }
            case ZONED_TIME -> untyped(v -> ConnectValues.zonedTime(v).toString());
            // Sent without a type so that the server casts to json, jsonb, uuid, xml, an enum type or text alike.
            case JSON, UUID, XML, ENUM, ENUM_SET, INTERVAL_ISO -> untyped(v -> (String) v);
            default -> throw new IllegalStateException("no binder for " + kind);
        };
    }

    private static ColumnBinder untyped(java.util.function.Function<Object, String> text) {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.OTHER);
            } else {
                ps.setObject(i, text.apply(v), Types.OTHER);
            }
        };
    }

    @Override
    public void addBatchRewriting(String url, Properties driverProperties) {
        addUnlessInUrl(url, driverProperties, "reWriteBatchedInserts", "true");
    }
}
