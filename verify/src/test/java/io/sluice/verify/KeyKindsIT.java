package io.sluice.verify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.sluice.verify.TestDatabases.PASSWORD;
import static io.sluice.verify.TestDatabases.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys of every walkable kind, bound from one engine into the other, in two-row chunks so that every
 * boundary is exercised, in both directions.
 */
class KeyKindsIT {

    private static final String DATABASE = "verify_keys";

    @BeforeAll
    static void createTables() throws Exception {
        TestDatabases.recreatePostgres(DATABASE);
        TestDatabases.recreateMariaDb(DATABASE);
        TestDatabases.postgres(DATABASE,
                "CREATE TABLE by_uuid (id uuid PRIMARY KEY, n int)",
                "INSERT INTO by_uuid VALUES ('0e1f0000-0000-0000-0000-000000000001', 1), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 2),"
                        + " ('A1000000-0000-0000-0000-000000000000', 3), ('ffffffff-0000-0000-0000-000000000000', 4),"
                        + " ('10000000-0000-0000-0000-000000000000', 5)",
                "CREATE TABLE by_time (at timestamptz PRIMARY KEY, n int)",
                "INSERT INTO by_time VALUES ('2024-01-01 00:00:00.000001+00', 1), ('2024-01-01 00:00:00+01', 2),"
                        + " ('1999-12-31 23:59:59.999999+00', 3), ('2024-06-30 12:00:00.5+00', 4), ('2030-01-01 00:00:00+00', 5)",
                "CREATE TABLE by_day_and_code (day date, code varchar(10), amount numeric(8,3), PRIMARY KEY (day, code))",
                "INSERT INTO by_day_and_code VALUES ('2024-01-01', 'b', 1.5), ('2024-01-01', 'B', 2), ('2024-01-01', 'a', 3),"
                        + " ('2023-12-31', 'z', 4), ('2024-01-02', 'Ä', 5)",
                "CREATE TABLE by_amount (amount numeric(10,2) PRIMARY KEY, label text)",
                "INSERT INTO by_amount VALUES (-1.5, 'a'), (0, 'b'), (0.25, 'c'), (10, 'd'), (99999999.99, 'e')",
                "CREATE TABLE nothing_here (id int PRIMARY KEY)");
        TestDatabases.mariaDb(DATABASE,
                "CREATE TABLE by_uuid (id CHAR(36) PRIMARY KEY, n INT)",
                "INSERT INTO by_uuid VALUES ('0E1F0000-0000-0000-0000-000000000001', 1), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 2),"
                        + " ('a1000000-0000-0000-0000-000000000000', 3), ('FFFFFFFF-0000-0000-0000-000000000000', 4),"
                        + " ('10000000-0000-0000-0000-000000000000', 5)",
                "CREATE TABLE by_time (at DATETIME(6) PRIMARY KEY, n INT)",
                "INSERT INTO by_time VALUES ('2024-01-01 00:00:00.000001', 1), ('2023-12-31 23:00:00', 2),"
                        + " ('1999-12-31 23:59:59.999999', 3), ('2024-06-30 12:00:00.5', 4), ('2030-01-01 00:00:00', 5)",
                "CREATE TABLE by_day_and_code (day DATE, code VARCHAR(10) COLLATE utf8mb4_bin, amount DECIMAL(12,4), PRIMARY KEY (day, code))",
                "INSERT INTO by_day_and_code VALUES ('2024-01-01', 'b', 1.5), ('2024-01-01', 'B', 2), ('2024-01-01', 'a', 3),"
                        + " ('2023-12-31', 'z', 4), ('2024-01-02', 'Ä', 5)",
                "CREATE TABLE by_amount (amount DECIMAL(12,4) PRIMARY KEY, label TEXT)",
                "INSERT INTO by_amount VALUES (-1.5, 'a'), (0, 'b'), (0.25, 'c'), (10, 'd'), (99999999.99, 'e')",
                "CREATE TABLE nothing_here (id INT PRIMARY KEY)",
                "INSERT INTO nothing_here VALUES (7), (8)");
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(DATABASE);
        TestDatabases.dropMariaDb(DATABASE);
    }

    private static VerifyRun postgresToMariaDb(String table) {
        return VerifyRun.of("--source", TestDatabases.postgresUrl(DATABASE), "--source-user", USER, "--source-password", PASSWORD,
                "--target", TestDatabases.mariaDbUrl(DATABASE), "--target-user", USER, "--target-password", PASSWORD,
                "--table", table, "--chunk-size", "2", "--json");
    }

    private static VerifyRun mariaDbToPostgres(String table) {
        return VerifyRun.of("--source", TestDatabases.mariaDbUrl(DATABASE), "--source-user", USER, "--source-password", PASSWORD,
                "--target", TestDatabases.postgresUrl(DATABASE), "--target-user", USER, "--target-password", PASSWORD,
                "--table", table, "--chunk-size", "2", "--json");
    }

    @Test
    void everyKeyKindComparesEqualInBothDirections() throws Exception {
        for (String table : new String[] {"by_uuid", "by_time", "by_day_and_code", "by_amount"}) {
            VerifyRun forward = postgresToMariaDb(table);
            VerifyRun backward = mariaDbToPostgres(table);

            assertThat(forward.status()).as(table + " PostgreSQL to MariaDB: " + forward).isEqualTo(0);
            assertThat(backward.status()).as(table + " MariaDB to PostgreSQL: " + backward).isEqualTo(0);
            assertThat(forward.json().get("tables").get(0).get("chunks").asLong()).as(table).isGreaterThanOrEqualTo(3);
            assertThat(forward.json().get("tables").get(0).get("targetRows").asLong()).as(table).isEqualTo(5);
        }
    }

    @Test
    void anEmptySourceFindsEveryTargetRowExtra() throws Exception {
        VerifyRun run = postgresToMariaDb("nothing_here");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.keys("extra")).containsExactly("7", "8");

        VerifyRun reverse = mariaDbToPostgres("nothing_here");
        assertThat(reverse.status()).as(reverse.toString()).isEqualTo(1);
        assertThat(reverse.keys("missing")).containsExactly("7", "8");
    }
}
