package io.sluice.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.verify.db.DatabaseConnections;
import io.sluice.verify.db.DatabaseEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.sluice.verify.TestDatabases.PASSWORD;
import static io.sluice.verify.TestDatabases.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL to PostgreSQL and MariaDB to MariaDB, composite and text keys, read-only sessions, waiting for lag. */
class SameEngineIT {

    private static final String PG_SOURCE = "verify_pg_a";
    private static final String PG_TARGET = "verify_pg_b";
    private static final String MY_SOURCE = "verify_my_a";
    private static final String MY_TARGET = "verify_my_b";

    /** Keys that PostgreSQL's "C" collation and MariaDB's utf8mb4_general_ci order differently. */
    private static final String KEYED_ROWS = "('B', 1, 'x'), ('a', 1, 'x'), ('a', 2, 'y'), ('c', 1, 'x'), ('é', 1, 'x'),"
            + " ('Z', 1, 'x'), ('ñ', 1, 'x'), ('𝄞', 1, 'x'), ('m n', 1, 'x'), ('m', 7, 'z')";

    @BeforeAll
    static void createDatabases() throws Exception {
        for (String database : List.of(PG_SOURCE, PG_TARGET)) {
            TestDatabases.recreatePostgres(database);
            TestDatabases.postgres(database,
                    "CREATE SCHEMA shop",
                    "CREATE TABLE shop.stock (region text, line int, label text, PRIMARY KEY (region, line))",
                    "INSERT INTO shop.stock VALUES " + KEYED_ROWS);
        }
        TestDatabases.postgres(PG_TARGET, "ALTER TABLE shop.stock RENAME TO stock_copy", "ALTER TABLE shop.stock_copy SET SCHEMA public");
        for (String database : List.of(MY_SOURCE, MY_TARGET)) {
            TestDatabases.recreateMariaDb(database);
            TestDatabases.mariaDb(database,
                    "CREATE TABLE stock (region VARCHAR(20), line INT, label TEXT, PRIMARY KEY (region, line))",
                    "INSERT INTO stock VALUES " + KEYED_ROWS);
        }
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(PG_SOURCE);
        TestDatabases.dropPostgres(PG_TARGET);
        TestDatabases.dropMariaDb(MY_SOURCE);
        TestDatabases.dropMariaDb(MY_TARGET);
    }

    private static VerifyRun postgresToPostgres(String... extra) {
        return run(TestDatabases.postgresUrl(PG_SOURCE), TestDatabases.postgresUrl(PG_TARGET), "shop.stock:public.stock_copy", extra);
    }

    private static VerifyRun run(String source, String target, String table, String... extra) {
        String[] base = {"--source", source, "--source-user", USER, "--target", target, "--target-user", USER,
                "--table", table, "--chunk-size", "3", "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        // passwords from the environment, as a user would keep them out of the process list
        return VerifyRun.of(java.util.Map.of("SLUICE_VERIFY_SOURCE_PASSWORD", PASSWORD, "SLUICE_VERIFY_TARGET_PASSWORD", PASSWORD), args);
    }

    @Test
    void postgresToPostgresWithCompositeKeysAcrossSchemas() throws Exception {
        VerifyRun equal = postgresToPostgres();
        assertThat(equal.status()).as(equal.toString()).isEqualTo(0);
        assertThat(equal.json().get("tables").get(0).get("chunks").asLong()).isGreaterThanOrEqualTo(4);

        TestDatabases.postgres(PG_TARGET, "DELETE FROM stock_copy WHERE region = 'ñ'", "UPDATE stock_copy SET label = 'changed' WHERE region = 'a' AND line = 2");
        try {
            VerifyRun different = postgresToPostgres();
            assertThat(different.status()).as(different.toString()).isEqualTo(1);
            assertThat(different.keys("missing")).containsExactly("ñ");
            JsonNode changed = different.json().get("tables").get(0).get("different").get("rows").get(0);
            assertThat(changed.get("key").get("region").asText()).isEqualTo("a");
            assertThat(changed.get("key").get("line").asText()).isEqualTo("2");
        } finally {
            TestDatabases.postgres(PG_TARGET, "INSERT INTO stock_copy VALUES ('ñ', 1, 'x')", "UPDATE stock_copy SET label = 'y' WHERE region = 'a' AND line = 2");
        }
    }

    @Test
    void mariaDbToMariaDb() throws Exception {
        VerifyRun equal = run(TestDatabases.mariaDbUrl(MY_SOURCE), TestDatabases.mariaDbUrl(MY_TARGET), "stock");
        assertThat(equal.status()).as(equal.toString()).isEqualTo(0);

        TestDatabases.mariaDb(MY_TARGET, "INSERT INTO stock VALUES ('zz', 1, 'extra')");
        try {
            VerifyRun different = run(TestDatabases.mariaDbUrl(MY_SOURCE), TestDatabases.mariaDbUrl(MY_TARGET), "stock");
            assertThat(different.status()).as(different.toString()).isEqualTo(1);
            assertThat(different.keys("extra")).containsExactly("zz");
        } finally {
            TestDatabases.mariaDb(MY_TARGET, "DELETE FROM stock WHERE region = 'zz'");
        }
    }

    @Test
    void textKeysThatTheEnginesCollateDifferentlyCompareAcrossEngines() throws Exception {
        VerifyRun run = run(TestDatabases.postgresUrl(PG_SOURCE), TestDatabases.mariaDbUrl(MY_TARGET), "shop.stock:stock");

        assertThat(run.status()).as(run.toString()).isEqualTo(0);
        assertThat(run.json().get("tables").get(0).get("sourceRows").asLong()).isEqualTo(10);
        assertThat(run.json().get("tables").get(0).get("targetRows").asLong()).isEqualTo(10);
    }

    @Test
    void waitForLagComparesAgainUntilTheTargetCatchesUp() throws Exception {
        TestDatabases.postgres(PG_SOURCE, "INSERT INTO shop.stock VALUES ('late', 1, 'x')");
        try {
            CompletableFuture<Void> catchUp = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.SECONDS.sleep(3);
                    TestDatabases.postgres(PG_TARGET, "INSERT INTO stock_copy VALUES ('late', 1, 'x')");
                } catch (SQLException | InterruptedException failure) {
                    throw new IllegalStateException(failure);
                }
            });
            VerifyRun run = postgresToPostgres("--wait-for-lag", "--timeout", "60");
            catchUp.join();

            assertThat(run.status()).as(run.toString()).isEqualTo(0);
            assertThat(run.json().get("attempts").asInt()).isGreaterThan(1);
            assertThat(run.err()).contains("not caught up yet");
        } finally {
            TestDatabases.postgres(PG_SOURCE, "DELETE FROM shop.stock WHERE region = 'late'");
            TestDatabases.postgres(PG_TARGET, "DELETE FROM stock_copy WHERE region = 'late'");
        }
    }

    @Test
    void waitForLagGivesUpAfterTheTimeoutWithTheDifferences() throws Exception {
        TestDatabases.postgres(PG_SOURCE, "INSERT INTO shop.stock VALUES ('never', 1, 'x')");
        try {
            VerifyRun run = postgresToPostgres("--wait-for-lag", "--timeout", "3");

            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.keys("missing")).containsExactly("never");
        } finally {
            TestDatabases.postgres(PG_SOURCE, "DELETE FROM shop.stock WHERE region = 'never'");
        }
    }

    @Test
    void waitForLagWaitsForATargetTableThatASinkHasNotCreatedYet() throws Exception {
        TestDatabases.postgres(PG_TARGET, "DROP TABLE IF EXISTS late_copy");
        try {
            CompletableFuture<Void> sinkCreatesIt = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.SECONDS.sleep(3);
                    TestDatabases.postgres(PG_TARGET, "CREATE TABLE late_copy AS SELECT * FROM stock_copy",
                            "ALTER TABLE late_copy ADD PRIMARY KEY (region, line)");
                } catch (SQLException | InterruptedException failure) {
                    throw new IllegalStateException(failure);
                }
            });
            VerifyRun run = run(TestDatabases.postgresUrl(PG_SOURCE), TestDatabases.postgresUrl(PG_TARGET),
                    "shop.stock:public.late_copy", "--wait-for-lag", "--timeout", "60");
            sinkCreatesIt.join();

            assertThat(run.status()).as(run.toString()).isEqualTo(0);
            assertThat(run.err()).contains("public.late_copy does not exist yet");
        } finally {
            TestDatabases.postgres(PG_TARGET, "DROP TABLE IF EXISTS late_copy");
        }
    }

    @Test
    void aTargetTableThatNeverAppearsIsAnErrorAfterTheTimeout() {
        VerifyRun run = run(TestDatabases.postgresUrl(PG_SOURCE), TestDatabases.postgresUrl(PG_TARGET),
                "shop.stock:public.never_created", "--wait-for-lag", "--timeout", "3");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("public.never_created does not exist");
    }

    @Test
    void sessionsRefuseWrites() throws Exception {
        try (DatabaseConnections connections = new DatabaseConnections()) {
            Connection postgres = connections.get(new DatabaseEndpoint(TestDatabases.postgresUrl(PG_TARGET), USER, PASSWORD), "target");
            Connection mariaDb = connections.get(new DatabaseEndpoint(TestDatabases.mariaDbUrl(MY_TARGET), USER, PASSWORD), "target");
            for (Connection connection : List.of(postgres, mariaDb)) {
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.execute("DELETE FROM stock" + (connection == postgres ? "_copy" : "")))
                            .isInstanceOf(SQLException.class)
                            .hasMessageMatching("(?is).*read.only.*");
                }
            }
        }
    }

    @Test
    void aMissingTableIsAnErrorNamingIt() {
        VerifyRun run = postgresToPostgres("--table", "shop.nothing");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("shop.nothing").contains("does not exist");
    }

    @Test
    void aFailedLoginIsAnErrorThatDoesNotShowThePassword() {
        VerifyRun run = VerifyRun.of("--source", TestDatabases.postgresUrl(PG_SOURCE) + "?password=wrong-secret", "--source-user", "verify_nobody",
                "--target", TestDatabases.postgresUrl(PG_TARGET), "--table", "shop.stock");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("verify: cannot connect to source").doesNotContain("wrong-secret");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }
}
