package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.JdbcSinkTask;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upsert rate of the task next to the database's raw batched upsert of the same rows, printed for the
 * record (no timing assertion). {@code -Dsluice.long=true}, rows with {@code -Dsluice.bench.rows}.
 */
@EnabledIfSystemProperty(named = "sluice.long", matches = "true")
class ThroughputIT {

    private static final int ROWS = Integer.getInteger("sluice.bench.rows", 200_000);
    private static final int POLL = 500;

    private static final Schema ROW = SchemaBuilder.struct().name("bench.public.items.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("created", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void upsertRateNextToRawBatchedUpserts(String database) throws SQLException {
        TargetDatabase db = database.equals("postgresql") ? new TargetDatabase.Postgres("jdbc_sink_bench_pg")
                : new TargetDatabase.MariaDb("jdbc_sink_bench_maria");
        db.create();
        try {
            String rawTable = "raw_items";
            db.execute("CREATE TABLE " + db.quote(rawTable) + " (" + db.quote("id") + " BIGINT PRIMARY KEY, "
                    + db.quote("name") + " TEXT, " + db.quote("amount") + " DOUBLE PRECISION, " + db.quote("created")
                    + " TIMESTAMP(6) NULL, " + db.quote("note") + " TEXT)");
            double rawInserts = raw(db, rawTable, 0);
            double rawUpdates = raw(db, rawTable, 1);

            ChangeEvents events = new ChangeEvents("bench.public.items", "public", "items", ROW, "id");
            Map<String, String> props = new HashMap<>(Map.of("name", "bench", "connection.url", db.url(),
                    "connection.username", "sluice", "connection.password", "sluice", "insert.mode", "upsert",
                    "primary.key.mode", "record_key", "schema.evolution", "basic", "flush.interval.ms", "600000"));
            JdbcSinkTask task = new JdbcSinkTask();
            task.initialize(new FakeSinkTaskContext(props, null));
            task.start(props);
            try {
                double sinkInserts = sink(task, events, 0);
                double sinkUpdates = sink(task, events, 1);
                assertThat(db.count("items")).isEqualTo(ROWS);
                System.out.printf("%n[bench] %s, %,d rows: raw batched upsert %,.0f rows/s inserts, %,.0f rows/s updates; "
                                + "sink %,.0f rows/s inserts (%.0f%%), %,.0f rows/s updates (%.0f%%)%n%n", database, ROWS,
                        rawInserts, rawUpdates, sinkInserts, 100 * sinkInserts / rawInserts, sinkUpdates,
                        100 * sinkUpdates / rawUpdates);
            } finally {
                task.stop();
            }
        } finally {
            db.drop();
        }
    }

    /** The database's own batched upsert: batches of 1000 rows, one commit per batch, batch rewriting on. */
    private static double raw(TargetDatabase db, String table, int round) throws SQLException {
        boolean pg = db instanceof TargetDatabase.Postgres;
        String q = db.quote(table);
        String sql = pg
                ? "INSERT INTO " + q + " VALUES (?,?,?,?,?) ON CONFLICT (\"id\") DO UPDATE SET \"name\"=EXCLUDED.\"name\", "
                        + "\"amount\"=EXCLUDED.\"amount\", \"created\"=EXCLUDED.\"created\", \"note\"=EXCLUDED.\"note\""
                : "INSERT INTO " + q + " VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE `name`=VALUES(`name`), "
                        + "`amount`=VALUES(`amount`), `created`=VALUES(`created`), `note`=VALUES(`note`)";
        Properties props = new Properties();
        props.setProperty("user", "sluice");
        props.setProperty("password", "sluice");
        props.setProperty(pg ? "reWriteBatchedInserts" : "rewriteBatchedStatements", "true");
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.url(), props); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                ps.setLong(1, i);
                ps.setString(2, "name " + i + " " + round);
                ps.setDouble(3, i * 1.5 + round);
                ps.setObject(4, java.time.LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i));
                ps.setString(5, "a note of some length for row " + i);
                ps.addBatch();
                if ((i + 1) % 1000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        return ROWS / ((System.nanoTime() - start) / 1e9);
    }

    /** Envelopes delivered as the worker does, 500 per put, then a commit; building them is not timed. */
    private static double sink(JdbcSinkTask task, ChangeEvents events, int round) {
        long elapsed = 0;
        for (int from = 0; from < ROWS; from += 100_000) {
            List<List<SinkRecord>> polls = new ArrayList<>();
            List<SinkRecord> poll = new ArrayList<>(POLL);
            for (int i = from; i < Math.min(ROWS, from + 100_000); i++) {
                poll.add(events.create(events.row("id", (long) i, "name", "name " + i + " " + round,
                        "amount", i * 1.5 + round, "created", 1_704_067_200_000_000L + i * 1_000_000L,
                        "note", "a note of some length for row " + i)));
                if (poll.size() == POLL) {
                    polls.add(poll);
                    poll = new ArrayList<>(POLL);
                }
            }
            if (!poll.isEmpty()) {
                polls.add(poll);
            }
            long start = System.nanoTime();
            for (List<SinkRecord> records : polls) {
                task.put(records);
            }
            task.preCommit(Map.of(new TopicPartition(events.topic, 0), new OffsetAndMetadata(events.offset)));
            elapsed += System.nanoTime() - start;
        }
        return ROWS / (elapsed / 1e9);
    }
}
