package io.sluice.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.sluice.verify.TestDatabases.USER;
import static io.sluice.verify.TestDatabases.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The same data in PostgreSQL and MariaDB, stored with each engine's own types, compares equal; changes are found. */
class CrossEngineIT {

    private static final String DATABASE = "verify_cross";

    @BeforeEach
    void sameDataInBothEngines() throws Exception {
        TestDatabases.recreatePostgres(DATABASE);
        TestDatabases.recreateMariaDb(DATABASE);
        TestDatabases.postgres(DATABASE,
                "CREATE TABLE typed (id bigint PRIMARY KEY, amount numeric(12,4), price numeric, ratio double precision,"
                        + " small real, created timestamp(6), happened timestamptz, day date, at_time time(6), doc jsonb,"
                        + " doc_text json, ref uuid, data bytea, note text, active boolean)",
                "INSERT INTO typed VALUES"
                        + " (1, 12.5, 3, 0.1, 0.1, '2024-01-02 03:04:05.123456', '2024-01-02 05:04:05.123456+02', '2024-02-29',"
                        + " '12:34:56.789', '{\"b\": 1, \"a\": [1, 2.50, {\"x\": \"y, z\"}]}', '{\"k\": \"v\", \"a\": null}',"
                        + " 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '\\x00ff10', 'Grüße ☃ 𝄞 | pipe', true),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, -0.0001, 100000000000000000000, -1.5e300, 3.4e38, '1970-01-01 00:00:00', '1999-12-31 23:59:59.999999+00',"
                        + " '1000-01-01', '23:59:59.999999', '[]', '\"text\"', '1fecfed4-fb03-45f4-b33d-1f561108c29c', '\\x', '', false),"
                        + " (4, 0.0000, 0, 0, 0, '2038-01-19 03:14:08', '2038-01-19 03:14:08-05:30', '2024-12-31', '00:00:00',"
                        + " '{}', '0', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\\x0a', 'line\nbreak', false)");
        TestDatabases.mariaDb(DATABASE,
                "CREATE TABLE typed (id BIGINT PRIMARY KEY, amount DECIMAL(20,6), price DECIMAL(32,10), ratio DOUBLE,"
                        + " small FLOAT, created DATETIME(6), happened DATETIME(6), day DATE, at_time TIME(6), doc JSON,"
                        + " doc_text LONGTEXT, ref CHAR(36), data BLOB, note TEXT, active TINYINT(1))",
                "INSERT INTO typed VALUES"
                        + " (1, 12.500000, 3.0000000000, 0.1, 0.1, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456',"
                        + " '2024-02-29', '12:34:56.789000', '{\"b\":1,\"a\":[1,2.50,{\"x\":\"y, z\"}]}', '{\"k\":\"v\",\"a\":null}',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', x'00FF10', 'Grüße ☃ 𝄞 | pipe', 1),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, -0.000100, 100000000000000000000.0000000000, -1.5e300, 3.4e38, '1970-01-01 00:00:00',"
                        + " '1999-12-31 23:59:59.999999', '1000-01-01', '23:59:59.999999', '[]', '\"text\"',"
                        + " '1fecfed4-fb03-45f4-b33d-1f561108c29c', x'', '', 0),"
                        + " (4, 0, 0, 0, 0, '2038-01-19 03:14:08', '2038-01-19 08:44:08', '2024-12-31', '00:00:00',"
                        + " '{}', '0', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', x'0A', 'line\\nbreak', 0)");
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(DATABASE);
        TestDatabases.dropMariaDb(DATABASE);
    }

    private static VerifyRun verify(String... extra) {
        String[] base = {"--source", TestDatabases.postgresUrl(DATABASE), "--source-user", USER, "--source-password", PASSWORD,
                "--target", TestDatabases.mariaDbUrl(DATABASE), "--target-user", USER, "--target-password", PASSWORD,
                "--table", "typed"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return VerifyRun.of(args);
    }

    @Test
    void equalDataInDifferentTypesComparesEqual() throws Exception {
        VerifyRun run = verify("--json");

        assertThat(run.status()).as(run.toString()).isEqualTo(0);
        JsonNode table = run.json().get("tables").get(0);
        assertThat(table.get("equal").asBoolean()).isTrue();
        assertThat(table.get("sourceRows").asLong()).isEqualTo(4);
        assertThat(table.get("targetRows").asLong()).isEqualTo(4);
        assertThat(table.get("columnsOnlyInSource")).isEmpty();
    }

    @Test
    void mariaDbToPostgresComparesEqualToo() throws Exception {
        VerifyRun run = VerifyRun.of("--source", TestDatabases.mariaDbUrl(DATABASE), "--source-user", USER, "--source-password", PASSWORD,
                "--target", TestDatabases.postgresUrl(DATABASE), "--target-user", USER, "--target-password", PASSWORD,
                "--table", "typed", "--chunk-size", "2", "--json");

        assertThat(run.status()).as(run.toString()).isEqualTo(0);
        assertThat(run.json().get("tables").get(0).get("sourceRows").asLong()).isEqualTo(4);
    }

    @Test
    void missingExtraAndChangedRowsAreReportedWithTheirKeys() throws Exception {
        TestDatabases.mariaDb(DATABASE,
                "DELETE FROM typed WHERE id = 3",
                "INSERT INTO typed (id, note) VALUES (5, 'only in target')",
                "UPDATE typed SET amount = 12.51 WHERE id = 1",
                "UPDATE typed SET created = '2024-01-02 03:04:05.123000' WHERE id = 1");

        VerifyRun run = verify("--json");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        JsonNode table = run.json().get("tables").get(0);
        assertThat(table.get("equal").asBoolean()).isFalse();
        assertThat(run.keys("missing")).containsExactly("3");
        assertThat(run.keys("extra")).containsExactly("5");
        JsonNode different = table.get("different");
        assertThat(different.get("count").asLong()).isEqualTo(1);
        assertThat(different.get("rows").get(0).get("key").get("id").asText()).isEqualTo("1");
        assertThat(different.get("rows").get(0).get("columns")).extracting(JsonNode::asText)
                .containsExactly("amount", "created");
    }

    @Test
    void theTextReportNamesTheKeysOfEachKind() {
        VerifyRun equal = verify();
        assertThat(equal.out()).contains("public.typed -> verify_cross.typed: equal").contains("EQUAL: 1 of 1 tables equal");
    }

    @Test
    void aColumnMissingInTheTargetIsADifference() throws Exception {
        TestDatabases.mariaDb(DATABASE, "ALTER TABLE typed DROP COLUMN note", "ALTER TABLE typed ADD COLUMN __deleted VARCHAR(5)");

        VerifyRun run = verify();

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("columns missing in target: note")
                .contains("columns only in target (not compared): __deleted");
    }
}
