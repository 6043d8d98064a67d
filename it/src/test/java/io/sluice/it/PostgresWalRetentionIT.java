package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A captured table that stays idle while other tables take heavy writes: the slot must still confirm the WAL it
 * was sent, so that PostgreSQL can recycle it. A connector that only confirms positions of its own events would
 * hold all of that WAL until the captured table changes, and fill the disk.
 */
@ExtendWith(LocalStack.class)
class PostgresWalRetentionIT {

    private static final String DATABASE = "it_pg_idle";
    private static final long MB = 1024 * 1024;

    private LocalStack.Stack stack;

    @AfterEach
    void deleteConnector() {
        if (stack != null) {
            stack.connect().deleteConnector(DATABASE);
        }
    }

    @Test
    void idleCapturedTableWithHeavyWritesElsewhereKeepsRetainedWalBounded(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        Databases.recreatePostgresDatabase(DATABASE);
        try (Connection db = Databases.postgres(DATABASE)) {
            Databases.execute(db,
                    "CREATE TABLE quiet (id int PRIMARY KEY, name text)",
                    "INSERT INTO quiet SELECT g, 'row ' || g FROM generate_series(1, 10) g",
                    "CREATE TABLE busy (id bigserial PRIMARY KEY, padding text)");
            Map<String, String> config = PostgresCdcIT.sourceConfig(DATABASE, "pgidle", "public.quiet");
            config.put("heartbeat.interval.ms", "1000");
            stack.connect().putConnector(DATABASE, config);
            stack.connect().awaitRunning(DATABASE, Duration.ofSeconds(60));
            try (TopicReader reader = new TopicReader(stack.bootstrapServers(), "pgidle.public.quiet", false)) {
                List<ChangeEvent> snapshot = new ArrayList<>();
                PostgresCdcIT.readUntilAllIds(reader, snapshot, 10, Duration.ofMinutes(2));
                assertThat(PostgresCdcIT.countById(snapshot)).hasSize(10);

                String start = lsn(db, "SELECT pg_current_wal_lsn()");
                for (int i = 0; i < 30; i++) {
                    Databases.execute(db, "INSERT INTO busy (padding) SELECT repeat(md5(g::text), 8)"
                            + " FROM generate_series(1, 10000) g");
                }
                long written = Databases.count(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + start + "')::bigint");
                assertThat(written).as("WAL written by the busy table").isGreaterThan(64 * MB);

                long retained = awaitRetainedBelow(db, 16 * MB, Duration.ofSeconds(120));
                assertThat(retained).as("WAL the slot still holds, bytes (of %d written)", written)
                        .isLessThan(16 * MB);

                // The stream is still healthy: a change to the captured table arrives.
                Databases.execute(db, "UPDATE quiet SET name = 'changed' WHERE id = 3");
                List<ChangeEvent> events = new ArrayList<>();
                Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
                while (events.stream().noneMatch(e -> "u".equals(e.op())) && Instant.now().isBefore(deadline)) {
                    events.addAll(ChangeEvent.fromJson(reader.read(100, Duration.ofSeconds(2))));
                }
                ChangeEvent update = events.stream().filter(e -> "u".equals(e.op())).findFirst().orElseThrow();
                assertThat(update.after().path("name").asText()).isEqualTo("changed");
            }
        }
    }

    /** Polls the slot's retained WAL (current LSN minus confirmed flush LSN) until below the limit; the last value. */
    private static long awaitRetainedBelow(Connection db, long limit, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long retained;
        do {
            retained = Databases.count(db, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                    + " FROM pg_replication_slots WHERE slot_name = '" + DATABASE + "'");
            if (retained < limit) {
                return retained;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return retained;
    }

    private static String lsn(Connection db, String query) throws Exception {
        return Databases.rows(db, query).get(0).get(0).toString();
    }
}
