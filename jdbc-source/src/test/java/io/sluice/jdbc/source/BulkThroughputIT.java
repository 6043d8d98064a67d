package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

/**
 * The benchmark of the issue: bulk mode over a 1,000,000-row table next to the database's own rate (PostgreSQL
 * {@code COPY TO}, and a plain streaming {@code SELECT} reading every column as text). Prints rows/s; asserts
 * only that every row came. Long: run with {@code -Dsluice.long=true -Dit.test=BulkThroughputIT}.
 */
@EnabledIfSystemProperty(named = "sluice.long", matches = "true")
class BulkThroughputIT {

    private static final int ROWS = 1_000_000;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void bulkModeNextToTheDatabasesOwnRate(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "bench")) {
            db.execute("CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                    + "amount DECIMAL(12,2), created " + db.timestampType() + " NOT NULL, flag BOOLEAN)");
            if (engine == Engine.POSTGRES) {
                db.execute("INSERT INTO big SELECT g, 'customer-' || g, g / 100.0, "
                        + "TIMESTAMP '2024-01-01' + g * INTERVAL '1 second', g % 2 = 0 "
                        + "FROM generate_series(1, " + ROWS + ") g", "VACUUM ANALYZE big");
            } else {
                db.execute("INSERT INTO big SELECT seq, CONCAT('customer-', seq), seq / 100.0, "
                        + "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2 = 0 FROM seq_1_to_" + ROWS);
            }
            for (int round = 1; round <= 3; round++) {
                if (engine == Engine.POSTGRES) {
                    report(engine, "COPY TO (text)", round, copyTo(db));
                }
                report(engine, "plain SELECT, getString per column", round, plainSelect(db));
                report(engine, "jdbc-source bulk mode (records)", round, sluiceBulk(db));
            }
        }
    }

    private static void report(Engine engine, String what, int round, double rowsPerSecond) {
        System.out.printf("BENCH %s %-38s round %d: %,.0f rows/s%n", engine, what, round, rowsPerSecond);
    }

    private static double copyTo(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            long start = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY big TO STDOUT", OutputStream.nullOutputStream());
            assertThat(rows).isEqualTo(ROWS);
            return rate(rows, start);
        }
    }

    private static double plainSelect(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(10_000);
                long start = System.nanoTime();
                long rows = 0;
                long chars = 0;
                try (ResultSet result = statement.executeQuery("SELECT * FROM big")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = result.getString(i);
                            chars += value == null ? 0 : value.length();
                        }
                        rows++;
                    }
                }
                assertThat(rows).isEqualTo(ROWS);
                assertThat(chars).isPositive();
                return rate(rows, start);
            }
        }
    }

    private static double sluiceBulk(TestDatabase db) throws Exception {
        Map<String, String> config = db.sourceConfig();
        config.put("mode", "bulk");
        config.put("batch.max.rows", "10000");
        config.put("poll.interval.ms", "3600000");
        try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
            long start = System.nanoTime();
            long rows = 0;
            while (rows < ROWS) {
                List<SourceRecord> batch = run.task.poll();
                rows += batch == null ? 0 : batch.size();
            }
            assertThat(rows).isEqualTo(ROWS);
            return rate(rows, start);
        }
    }

    private static double rate(long rows, long startNanos) {
        return rows / ((System.nanoTime() - startNanos) / 1e9);
    }
}
