package io.sluice.verify.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Canonical text, hashing and snapshots in PostgreSQL (11+, for trim_scale 13+). */
public final class PostgresDialect implements Dialect {

    /**
     * Removes the blank jsonb's text output puts after {@code ,} and {@code :} between tokens, leaving
     * strings untouched: each string is matched whole by the first alternative and written back as is.
     */
    private static final String JSONB_BLANKS = "'(\"(?:[^\"\\\\]|\\\\.)*\")|([,:]) '";
    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "oid");
    private static final Set<String> TEXTS = Set.of("text", "varchar", "bpchar", "name", "citext", "char");

    private final Catalog catalog = new PostgresCatalog();

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public ColumnKind kindOf(String nativeType, boolean declaredJson) {
        String type = nativeType.toLowerCase(java.util.Locale.ROOT);
        if (INTEGERS.contains(type)) {
            return ColumnKind.INTEGER;
        }
        if (TEXTS.contains(type)) {
            return ColumnKind.TEXT;
        }
        return switch (type) {
            case "bool" -> ColumnKind.BOOLEAN;
            case "numeric" -> ColumnKind.DECIMAL;
            case "float4" -> ColumnKind.REAL;
            case "float8" -> ColumnKind.DOUBLE;
            case "timestamp" -> ColumnKind.TIMESTAMP;
            case "timestamptz" -> ColumnKind.TIMESTAMP_TZ;
            case "date" -> ColumnKind.DATE;
            case "time" -> ColumnKind.TIME;
            case "json", "jsonb" -> ColumnKind.JSON;
            case "uuid" -> ColumnKind.UUID;
            case "bytea" -> ColumnKind.BINARY;
            default -> ColumnKind.OTHER;
        };
    }

    @Override
    public String canonicalText(Column column, ColumnKind kind) {
        String c = quote(column.name());
        ColumnKind own = column.kind();
        return switch (kind) {
            case INTEGER, BOOLEAN, DECIMAL -> decimal(c, own);
            case REAL, DOUBLE -> floating(c, own, kind.significantDigits());
            case TIMESTAMP, TIMESTAMP_TZ -> "to_char(" + utc(c, own) + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            case DATE -> "to_char(" + c + ", 'YYYY-MM-DD')";
            case TIME -> "to_char(" + c + ", 'HH24:MI:SS.US')";
            case JSON -> own == ColumnKind.JSON
                    ? "regexp_replace(" + c + "::jsonb::text, " + JSONB_BLANKS + ", '\\1\\2', 'g')"
                    : c + "::text";
            case UUID -> "lower(" + c + "::text)";
            case BINARY -> own == ColumnKind.BINARY ? "encode(" + c + ", 'hex')" : c + "::text";
            case TEXT, OTHER -> own == ColumnKind.BINARY ? "encode(" + c + ", 'hex')" : c + "::text";
        };
    }

    private static String decimal(String c, ColumnKind own) {
        return switch (own) {
            case BOOLEAN -> c + "::int::text";
            case INTEGER -> c + "::text";
            // trim_scale drops trailing fractional zeros; the CASE turns 0.00 and -0 into 0
            default -> "CASE WHEN " + c + " = 0 THEN '0' ELSE trim_scale(" + c + "::numeric)::text END";
        };
    }

    /**
     * Scientific notation with {@code digits} significant digits: mantissa in [1, 10), trailing zeros
     * trimmed. Computed in double precision like MariaDB's side (numeric logarithms cost ~0.2 ms a row); when
     * the logarithm lands just below a power of ten the mantissa rounds to 10, which the CASE folds back.
     */
    private static String floating(String c, ColumnKind own, int digits) {
        String x = (own == ColumnKind.BOOLEAN ? c + "::int" : c) + "::float8";
        String e = "floor(log(abs(" + x + ")))::int";
        String m = "round((" + x + " / power(10::float8, " + e + "))::numeric, " + (digits - 1) + ")";
        String scientific = "CASE WHEN abs(" + m + ") >= 10"
                + " THEN trim_scale(round(" + m + " / 10, " + (digits - 1) + "))::text || 'e' || (" + e + " + 1)::text"
                + " ELSE trim_scale(" + m + ")::text || 'e' || (" + e + ")::text END";
        return "CASE WHEN " + c + " IS NULL THEN NULL"
                + " WHEN " + x + " = 0 THEN '0'"
                + " WHEN " + x + " IN ('NaN', 'Infinity', '-Infinity') THEN " + x + "::text"
                + " ELSE " + scientific + " END";
    }

    private static String utc(String c, ColumnKind own) {
        return own == ColumnKind.TIMESTAMP_TZ ? "(" + c + " AT TIME ZONE 'UTC')" : c;
    }

    @Override
    public String token(String canonicalText, ColumnKind kind) {
        if (kind.isTextLike()) {
            return "coalesce('s' || length(" + canonicalText + ") || ':' || " + canonicalText + ", 'N')";
        }
        return "coalesce('v' || " + canonicalText + ", 'N')";
    }

    @Override
    public String rowHash(List<String> tokens) {
        return "md5(" + String.join(" || '|' || ", tokens) + ")";
    }

    @Override
    public String hashSlice(String hashColumn, int start) {
        return "('x' || substr(" + hashColumn + ", " + start + ", 15))::bit(60)::bigint";
    }

    @Override
    public String keyOrder(String tableAlias, Column key, ColumnKind kind, boolean binaryText) {
        String c = tableAlias + "." + quote(key.name());
        if (kind == ColumnKind.UUID && key.kind().isTextLike()) {
            // uuids kept as text facing a uuid column: order them as the canonical lower-case text
            return "lower(" + c + ") COLLATE \"C\"";
        }
        return binaryText && key.kind().isTextLike() ? c + " COLLATE \"C\"" : c;
    }

    @Override
    public String keyParameter(Column key, ColumnKind kind, boolean binaryText) {
        return switch (key.kind()) {
            case UUID -> "CAST(? AS uuid)";
            case DATE -> "CAST(? AS date)";
            case TIME -> "CAST(? AS time)";
            case TIMESTAMP -> "CAST(? AS timestamp)";
            case TIMESTAMP_TZ -> "(CAST(? AS timestamp) AT TIME ZONE 'UTC')";
            case BINARY -> "decode(?, 'hex')";
            default -> "?";
        };
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
        connection.commit();
        connection.setReadOnly(true);
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        // the session defaults make the next transaction REPEATABLE READ READ ONLY; this statement opens it
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @Override
    public void endSnapshot(Connection connection) throws SQLException {
        connection.rollback();
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }
}
