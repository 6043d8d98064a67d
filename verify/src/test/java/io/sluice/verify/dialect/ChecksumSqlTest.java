package io.sluice.verify.dialect;

import io.sluice.verify.compare.KeyRange;
import io.sluice.verify.compare.TableSide;
import io.sluice.verify.db.TableName;
import io.sluice.verify.table.TablePairing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL each dialect generates: canonical texts, tokens, hashing, key ranges and quoting. */
class ChecksumSqlTest {

    private static final PostgresDialect POSTGRES = new PostgresDialect();
    private static final MariaDbDialect MARIADB = new MariaDbDialect();

    private static Column pg(String name, String type) {
        return new Column(name, type, POSTGRES.kindOf(type, false));
    }

    private static Column my(String name, String type) {
        return new Column(name, type, MARIADB.kindOf(type, false));
    }

    @Test
    void postgresCanonicalTexts() {
        assertThat(POSTGRES.canonicalText(pg("n", "numeric"), ColumnKind.DECIMAL))
                .isEqualTo("CASE WHEN \"n\" = 0 THEN '0' ELSE trim_scale(\"n\"::numeric)::text END");
        assertThat(POSTGRES.canonicalText(pg("b", "bool"), ColumnKind.DECIMAL)).isEqualTo("\"b\"::int::text");
        assertThat(POSTGRES.canonicalText(pg("t", "timestamptz"), ColumnKind.TIMESTAMP))
                .isEqualTo("to_char((\"t\" AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS.US')");
        assertThat(POSTGRES.canonicalText(pg("t", "timestamp"), ColumnKind.TIMESTAMP))
                .isEqualTo("to_char(\"t\", 'YYYY-MM-DD HH24:MI:SS.US')");
        assertThat(POSTGRES.canonicalText(pg("u", "uuid"), ColumnKind.UUID)).isEqualTo("lower(\"u\"::text)");
        assertThat(POSTGRES.canonicalText(pg("d", "bytea"), ColumnKind.BINARY)).isEqualTo("encode(\"d\", 'hex')");
        assertThat(POSTGRES.canonicalText(pg("j", "jsonb"), ColumnKind.JSON)).startsWith("regexp_replace(\"j\"::jsonb::text, ");
        assertThat(POSTGRES.canonicalText(pg("f", "float8"), ColumnKind.DOUBLE))
                .contains("round((\"f\"::float8 / power(10::float8, floor(log(abs(\"f\"::float8)))::int))::numeric, 11)");
        assertThat(POSTGRES.canonicalText(pg("f", "float4"), ColumnKind.REAL)).contains("::numeric, 5)");
    }

    @Test
    void mariaDbCanonicalTexts() {
        assertThat(MARIADB.canonicalText(my("n", "decimal"), ColumnKind.DECIMAL))
                .isEqualTo("CASE WHEN `n` = 0 THEN '0' ELSE IF(LOCATE('.', CAST(`n` AS CHAR)) > 0, "
                        + "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(`n` AS CHAR))), CAST(`n` AS CHAR)) END");
        assertThat(MARIADB.canonicalText(my("t", "datetime"), ColumnKind.TIMESTAMP))
                .isEqualTo("DATE_FORMAT(`t`, '%Y-%m-%d %H:%i:%s.%f')");
        assertThat(MARIADB.canonicalText(my("u", "char"), ColumnKind.UUID)).isEqualTo("LOWER(CAST(`u` AS CHAR))");
        assertThat(MARIADB.canonicalText(my("d", "blob"), ColumnKind.BINARY)).isEqualTo("LOWER(HEX(`d`))");
        assertThat(MARIADB.canonicalText(new Column("j", "longtext", MARIADB.kindOf("longtext", true)), ColumnKind.JSON))
                .isEqualTo("JSON_COMPACT(`j`)");
        assertThat(MARIADB.canonicalText(my("s", "varchar"), ColumnKind.TEXT)).isEqualTo("CONVERT(`s` USING utf8mb4)");
        assertThat(MARIADB.canonicalText(my("f", "double"), ColumnKind.DOUBLE))
                .contains("ROUND(CAST(`f` AS DOUBLE) / POW(10, FLOOR(LOG10(ABS(CAST(`f` AS DOUBLE))))), 11)");
    }

    @Test
    void tokensMarkNullAndLengthPrefixText() {
        assertThat(POSTGRES.token("x", ColumnKind.TEXT)).isEqualTo("coalesce('s' || length(x) || ':' || x, 'N')");
        assertThat(POSTGRES.token("x", ColumnKind.INTEGER)).isEqualTo("coalesce('v' || x, 'N')");
        assertThat(MARIADB.token("x", ColumnKind.TEXT)).isEqualTo("COALESCE(CONCAT('s', CHAR_LENGTH(x), ':', x), 'N')");
        assertThat(MARIADB.token("x", ColumnKind.DATE)).isEqualTo("COALESCE(CONCAT('v', x), 'N')");
    }

    @Test
    void postgresChunkChecksumAndBoundaryQueries() {
        TablePairing pairing = TablePairing.of(new TableName("public", "orders"), List.of(pg("id", "int4"), pg("note", "text")),
                List.of("id"), new TableName("shop", "orders"), List.of(my("id", "int"), my("note", "text")), false);
        TableSide side = TableSide.source(null, POSTGRES, pairing);

        assertThat(side.checksumSql(new KeyRange(List.of("1"), List.of("9")))).isEqualTo(
                "SELECT COUNT(*), SUM(('x' || substr(h, 1, 15))::bit(60)::bigint), SUM(('x' || substr(h, 16, 15))::bit(60)::bigint)"
                        + " FROM (SELECT md5(coalesce('v' || \"id\"::text, 'N') || '|' || coalesce('s' || length(\"note\"::text)"
                        + " || ':' || \"note\"::text, 'N')) AS h FROM \"public\".\"orders\" t WHERE t.\"id\" > ? AND t.\"id\" <= ?) chunk");
        assertThat(side.boundarySql(KeyRange.ALL))
                .isEqualTo("SELECT \"id\"::text FROM \"public\".\"orders\" t ORDER BY t.\"id\" LIMIT 1 OFFSET ?");
    }

    @Test
    void mariaDbChecksumAndCompositeTextKeysInCodePointOrderAcrossEngines() {
        TablePairing pairing = TablePairing.of(new TableName("public", "lines"), List.of(pg("region", "text"), pg("line", "int4")),
                List.of("region", "line"), new TableName("shop", "lines"), List.of(my("region", "varchar"), my("line", "int")), false);
        TableSide target = TableSide.target(null, MARIADB, pairing);
        TableSide source = TableSide.source(null, POSTGRES, pairing);

        assertThat(pairing.binaryTextOrder()).isTrue();
        assertThat(target.checksumSql(new KeyRange(List.of("a", "1"), null))).isEqualTo(
                "SELECT COUNT(*), SUM(CAST(CONV(SUBSTRING(h, 1, 15), 16, 10) AS UNSIGNED)),"
                        + " SUM(CAST(CONV(SUBSTRING(h, 16, 15), 16, 10) AS UNSIGNED))"
                        + " FROM (SELECT MD5(CONCAT_WS('|', COALESCE(CONCAT('s', CHAR_LENGTH(CONVERT(`region` USING utf8mb4)), ':',"
                        + " CONVERT(`region` USING utf8mb4)), 'N'), COALESCE(CONCAT('v', CAST(`line` AS CHAR)), 'N'))) AS h"
                        + " FROM `shop`.`lines` t WHERE (CAST(CONVERT(t.`region` USING utf8mb4) AS BINARY), t.`line`)"
                        + " > (CAST(CONVERT(? USING utf8mb4) AS BINARY), ?)) chunk");
        assertThat(source.boundarySql(KeyRange.ALL)).isEqualTo(
                "SELECT \"region\"::text, \"line\"::text FROM \"public\".\"lines\" t ORDER BY t.\"region\" COLLATE \"C\", t.\"line\" LIMIT 1 OFFSET ?");
    }

    @Test
    void identifiersAreQuotedWithTheirQuotesDoubled() {
        assertThat(POSTGRES.qualified(new TableName("we\"ird", "x\"; DROP TABLE y; --")))
                .isEqualTo("\"we\"\"ird\".\"x\"\"; DROP TABLE y; --\"");
        assertThat(MARIADB.qualified(new TableName("db", "a`b"))).isEqualTo("`db`.`a``b`");
    }

    @Test
    void keysBoundAsTextAreCastWhereTheEngineNeedsIt() {
        assertThat(POSTGRES.keyParameter(pg("u", "uuid"), ColumnKind.UUID, false)).isEqualTo("CAST(? AS uuid)");
        assertThat(POSTGRES.keyParameter(pg("t", "timestamptz"), ColumnKind.TIMESTAMP, false))
                .isEqualTo("(CAST(? AS timestamp) AT TIME ZONE 'UTC')");
        assertThat(MARIADB.keyParameter(my("b", "varbinary"), ColumnKind.BINARY, false)).isEqualTo("UNHEX(?)");
        assertThat(MARIADB.keyParameter(my("s", "varchar"), ColumnKind.TEXT, false)).isEqualTo("?");
    }

    @Test
    void columnKindsAcrossEngines() {
        assertThat(ColumnKind.comparedAs(ColumnKind.BOOLEAN, ColumnKind.INTEGER)).isEqualTo(ColumnKind.DECIMAL);
        assertThat(ColumnKind.comparedAs(ColumnKind.DECIMAL, ColumnKind.INTEGER)).isEqualTo(ColumnKind.DECIMAL);
        assertThat(ColumnKind.comparedAs(ColumnKind.REAL, ColumnKind.DOUBLE)).isEqualTo(ColumnKind.REAL);
        assertThat(ColumnKind.comparedAs(ColumnKind.TIMESTAMP_TZ, ColumnKind.TIMESTAMP)).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(ColumnKind.comparedAs(ColumnKind.JSON, ColumnKind.TEXT)).isEqualTo(ColumnKind.JSON);
        assertThat(ColumnKind.comparedAs(ColumnKind.UUID, ColumnKind.TEXT)).isEqualTo(ColumnKind.UUID);
        assertThat(ColumnKind.comparedAs(ColumnKind.BINARY, ColumnKind.TEXT)).isEqualTo(ColumnKind.OTHER);
        assertThat(MARIADB.kindOf("timestamp", false)).isEqualTo(ColumnKind.TIMESTAMP_TZ);
        assertThat(MARIADB.kindOf("longtext", true)).isEqualTo(ColumnKind.JSON);
    }
}
