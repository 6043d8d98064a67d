package io.sluice.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.sluice.verify.TestDatabases.PASSWORD;
import static io.sluice.verify.TestDatabases.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** 200,000 rows, PostgreSQL to MariaDB, in 10,000-row chunks: equal chunks are settled by checksums alone. */
class LargeTableIT {

    private static final String DATABASE = "verify_large";
    private static final int ROWS = 200_000;

    @BeforeAll
    static void createTables() throws Exception {
        TestDatabases.recreatePostgres(DATABASE);
        TestDatabases.recreateMariaDb(DATABASE);
        TestDatabases.postgres(DATABASE,
                "CREATE TABLE events (id int PRIMARY KEY, amount numeric(12,2), label text, created timestamptz, score double precision)",
                "INSERT INTO events SELECT g, g * 1.25, 'event ' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1.5 second',"
                        + " g / 7.0 FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE events");
        TestDatabases.mariaDb(DATABASE,
                "CREATE TABLE events (id INT PRIMARY KEY, amount DECIMAL(14,3), label VARCHAR(40), created DATETIME(6), score DOUBLE)",
                "INSERT INTO events SELECT seq, seq * 1.25, CONCAT('event ', seq),"
                        + " TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq * 1500000 MICROSECOND, seq / 7.0e0 FROM seq_1_to_" + ROWS);
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(DATABASE);
        TestDatabases.dropMariaDb(DATABASE);
    }

    private static VerifyRun verify() {
        return VerifyRun.of("--source", TestDatabases.postgresUrl(DATABASE), "--source-user", USER, "--source-password", PASSWORD,
                "--target", TestDatabases.mariaDbUrl(DATABASE), "--target-user", USER, "--target-password", PASSWORD,
                "--table", "events", "--chunk-size", "10000", "--json");
    }

    @Test
    void equalTablesNeedNoRowFetchesAndOneChangedRowFetchesOneSlice() throws Exception {
        VerifyRun equal = verify();

        assertThat(equal.status()).as(equal.toString()).isEqualTo(0);
        JsonNode table = equal.json().get("tables").get(0);
        assertThat(table.get("sourceRows").asLong()).isEqualTo(ROWS);
        assertThat(table.get("chunks").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(table.get("differingChunks").asLong()).isZero();
        assertThat(table.get("rowsFetched").asLong()).isZero();

        TestDatabases.mariaDb(DATABASE, "UPDATE events SET label = 'tampered' WHERE id = 123457");
        VerifyRun different = verify();

        assertThat(different.status()).as(different.toString()).isEqualTo(1);
        JsonNode changed = different.json().get("tables").get(0);
        assertThat(changed.get("differingChunks").asLong()).isEqualTo(1);
        assertThat(changed.get("different").get("rows").get(0).get("key").get("id").asText()).isEqualTo("123457");
        // the chunk is split into 1,000-row slices: only the slice holding the row is fetched, on both sides
        assertThat(changed.get("rowsFetched").asLong()).isLessThanOrEqualTo(2_000);
    }
}
