package io.sluice.verify.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Canonical text, hashing and snapshots in MariaDB 10.6+ (and MySQL 8 through the same SQL). */
public final class MariaDbDialect implements Dialect {

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year");
    private static final Set<String> TEXTS = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set");
    private static final Set<String> BINARIES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    private final Catalog catalog = new MariaDbCatalog(this);

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public ColumnKind kindOf(String nativeType, boolean declaredJson) {
        String type = nativeType.toLowerCase(Locale.ROOT);
        if (declaredJson || type.equals("json")) {
            return ColumnKind.JSON;
        }
        if (INTEGERS.contains(type) || type.equals("bit")) {
            return ColumnKind.INTEGER;
        }
        if (TEXTS.contains(type)) {
            return ColumnKind.TEXT;
        }
        if (BINARIES.contains(type)) {
            return ColumnKind.BINARY;
        }
        return switch (type) {
            case "decimal", "numeric" -> ColumnKind.DECIMAL;
            case "float" -> ColumnKind.REAL;
            case "double", "real" -> ColumnKind.DOUBLE;
            case "datetime" -> ColumnKind.TIMESTAMP;
            case "timestamp" -> ColumnKind.TIMESTAMP_TZ;
            case "date" -> ColumnKind.DATE;
            case "time" -> ColumnKind.TIME;
            case "uuid" -> ColumnKind.UUID;
            default -> ColumnKind.OTHER;
        };
    }

    @Override
    public String canonicalText(Column column, ColumnKind kind) {
        String c = quote(column.name());
        ColumnKind own = column.kind();
        return switch (kind) {
            case INTEGER, BOOLEAN, DECIMAL -> decimal(c, own, column.nativeType());
            case REAL, DOUBLE -> floating(c, kind.significantDigits());
            // TIMESTAMP columns show in the session time zone, which prepareSession sets to UTC
            case TIMESTAMP, TIMESTAMP_TZ -> "DATE_FORMAT(" + c + ", '%Y-%m-%d %H:%i:%s.%f')";
            case DATE -> "DATE_FORMAT(" + c + ", '%Y-%m-%d')";
            case TIME -> "TIME_FORMAT(" + c + ", '%H:%i:%s.%f')";
            case JSON -> "JSON_COMPACT(" + c + ")";
            case UUID -> "LOWER(CAST(" + c + " AS CHAR))";
            case BINARY -> own == ColumnKind.BINARY ? "LOWER(HEX(" + c + "))" : text(c);
            case TEXT, OTHER -> own == ColumnKind.BINARY ? "LOWER(HEX(" + c + "))" : text(c);
        };
    }

    private static String text(String c) {
        return "CONVERT(" + c + " USING utf8mb4)";
    }

    private static String decimal(String c, ColumnKind own, String nativeType) {
        if ("bit".equalsIgnoreCase(nativeType)) {
            return "CAST(" + c + " + 0 AS CHAR)";
        }
        if (own != ColumnKind.DECIMAL) {
            return "CAST(" + c + " AS CHAR)";
        }
        return "CASE WHEN " + c + " = 0 THEN '0' ELSE " + trimmedDecimal("CAST(" + c + " AS CHAR)") + " END";
    }

    /** Decimal text without trailing fractional zeros (and without a dangling point). */
    private static String trimmedDecimal(String text) {
        return "IF(LOCATE('.', " + text + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + text + ")), " + text + ")";
    }

    /**
     * Scientific notation with {@code digits} significant digits. The mantissa is computed in double
     * precision; when the logarithm lands just below a power of ten the mantissa rounds to 10, which the
     * CASE folds back to 1 with the next exponent, so both engines agree.
     */
    private static String floating(String c, int digits) {
        String x = "CAST(" + c + " AS DOUBLE)";
        String e = "FLOOR(LOG10(ABS(" + x + ")))";
        String m = "ROUND(" + x + " / POW(10, " + e + "), " + (digits - 1) + ")";
        String scientific = "CASE WHEN ABS(" + m + ") >= 10"
                + " THEN CONCAT(" + fixed("ROUND(" + m + " / 10, " + (digits - 1) + ")", digits) + ", 'e', " + e + " + 1)"
                + " ELSE CONCAT(" + fixed(m, digits) + ", 'e', " + e + ") END";
        return "CASE WHEN " + c + " IS NULL THEN NULL WHEN " + x + " = 0 THEN '0' ELSE " + scientific + " END";
    }

    private static String fixed(String mantissa, int digits) {
        return trimmedDecimal("CAST(CAST(" + mantissa + " AS DECIMAL(" + (digits + 2) + ", " + (digits - 1) + ")) AS CHAR)");
    }

    @Override
    public String token(String canonicalText, ColumnKind kind) {
        if (kind.isTextLike()) {
            return "COALESCE(CONCAT('s', CHAR_LENGTH(" + canonicalText + "), ':', " + canonicalText + "), 'N')";
        }
        return "COALESCE(CONCAT('v', " + canonicalText + "), 'N')";
    }

    @Override
    public String rowHash(List<String> tokens) {
        return "MD5(CONCAT_WS('|', " + String.join(", ", tokens) + "))";
    }

    @Override
    public String hashSlice(String hashColumn, int start) {
        return "CAST(CONV(SUBSTRING(" + hashColumn + ", " + start + ", 15), 16, 10) AS UNSIGNED)";
    }

    @Override
    public String keyOrder(String tableAlias, Column key, ColumnKind kind, boolean binaryText) {
        String c = tableAlias + "." + quote(key.name());
        if (kind == ColumnKind.UUID && key.kind().isTextLike()) {
            // uuids kept as text facing a uuid column: order them as the canonical lower-case text
            return "CAST(LOWER(" + text(c) + ") AS BINARY)";
        }
        // bytes of UTF-8 sort in code point order, as PostgreSQL's "C" collation does
        return binaryText && key.kind().isTextLike() ? "CAST(" + text(c) + " AS BINARY)" : c;
    }

    @Override
    public String keyParameter(Column key, ColumnKind kind, boolean binaryText) {
        return switch (key.kind()) {
            case BINARY -> "UNHEX(?)";
            case TEXT, OTHER, JSON -> binaryText || kind == ColumnKind.UUID ? "CAST(CONVERT(? USING utf8mb4) AS BINARY)" : "?";
            default -> "?";
        };
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.execute("SET SESSION TRANSACTION READ ONLY");
        }
        connection.setReadOnly(true);
    }

    @Override
    public void beginSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    @Override
    public void endSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COMMIT");
        }
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }
}
