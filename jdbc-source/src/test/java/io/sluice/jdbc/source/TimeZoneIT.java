package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Naive timestamps (PostgreSQL timestamp, MariaDB DATETIME) written in a zone other than UTC: values are read as
 * instants in db.timezone, and the timestamp modes' upper bound (database clock minus the delay) is compared in
 * that same zone, so a fresh row waits out the delay instead of waiting hours or slipping through at once.
 */
class TimeZoneIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void naiveTimestampsAreReadAndBoundInDbTimezone(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "zone")) {
            db.execute("CREATE TABLE t (id " + db.idType() + ", changed " + db.timestampType() + " NOT NULL)",
                    "INSERT INTO t (changed) VALUES ('2024-02-29 13:14:15.123')");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp+incrementing");
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "changed");
            config.put("timestamp.delay.interval.ms", "1500");
            config.put("db.timezone", "+05:00");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                List<SourceRecord> old = run.pollUntil(1, WAIT);
                assertThat(TaskRun.column(old, "changed"))
                        .containsExactly(Date.from(Instant.parse("2024-02-29T08:14:15.123Z")));

                String nowInPlusFive = engine == Engine.POSTGRES
                        ? "(clock_timestamp() AT TIME ZONE 'UTC') + INTERVAL '5 hours'"
                        : "UTC_TIMESTAMP(6) + INTERVAL 5 HOUR";
                db.execute("INSERT INTO t (changed) VALUES (" + nowInPlusFive + ")");
                assertThat(run.pollFor(Duration.ofMillis(500))).isEmpty();
                assertThat(TaskRun.column(run.pollUntil(1, WAIT), "id")).containsExactly(2L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void timestampInitialMinusOneStartsAtTheDatabaseClock(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "initial")) {
            db.execute("CREATE TABLE t (id " + db.idType() + ", changed " + db.timestampType() + " NOT NULL)",
                    "INSERT INTO t (changed) VALUES ('2020-01-01 00:00:00')");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "timestamp");
            config.put("timestamp.column.name", "changed");
            config.put("timestamp.initial", "-1");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                assertThat(run.pollFor(Duration.ofMillis(500))).isEmpty();
                db.execute("INSERT INTO t (changed) VALUES (" + db.clock() + ")");
                assertThat(TaskRun.column(run.pollUntil(1, WAIT), "id")).containsExactly(2L);
            }
        }
    }
}
