package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.JdbcSinkTask;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink's scenarios on the real PostgreSQL 15, in database jdbc_sink_pg. */
class PostgresSinkIT extends SinkScenarios {

    private static final TargetDatabase DATABASE = new TargetDatabase.Postgres("jdbc_sink_pg");

    @BeforeAll
    static void createDatabase() throws SQLException {
        DATABASE.create();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        DATABASE.drop();
    }

    @Override
    TargetDatabase database() {
        return DATABASE;
    }

    /**
     * Large flushes go through COPY: characters COPY's text format escapes, odd floats and bytes arrive as sent,
     * and a flush holding a date COPY cannot carry exactly is written with the batch statement instead.
     */
    @Test
    void escapedTextOddNumbersAndFarDatesSurviveTheBulkLoad() throws SQLException {
        String table = table("copy");
        Schema value = SchemaBuilder.struct().name("shop.public.copy.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("text", Schema.OPTIONAL_STRING_SCHEMA)
                .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("number", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
                .build();
        ChangeEvents events = new ChangeEvents("shop.public." + table, "public", table, value, "id");
        double[] numbers = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e-300, 0.1};
        List<SinkRecord> records = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            records.add(events.create(events.row("id", id, "text", "tab\tnewline\ncr\rback\\slash \\N ü €" + id,
                    "data", new byte[] {0x5c, 0x00, (byte) 0xff, (byte) id}, "number", numbers[id % numbers.length],
                    "day", new java.util.Date(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L))));
        }
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "true");
        deliver(task, records.toArray(new SinkRecord[0]));

        List<Map<String, Object>> rows = DATABASE.rows("SELECT * FROM " + DATABASE.quote(table) + " ORDER BY 1");
        assertThat(rows).hasSize(100);
        for (Map<String, Object> row : rows) {
            int id = ((Number) row.get("id")).intValue();
            assertThat(row.get("text")).isEqualTo("tab\tnewline\ncr\rback\\slash \\N ü €" + id);
            assertThat((byte[]) row.get("data")).containsExactly(0x5c, 0x00, 0xff, id);
            assertThat(row.get("number")).isEqualTo(Double.valueOf(numbers[id % numbers.length]));
            assertThat(row.get("day").toString()).isEqualTo("2024-02-29");
        }

        List<SinkRecord> farDates = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            LocalDate day = id == 50 ? LocalDate.of(12_024, 1, 1) : LocalDate.of(2024, 3, 1);
            farDates.add(events.update(events.row("id", id), events.row("id", id, "text", "again " + id,
                    "day", new java.util.Date(day.toEpochDay() * 86_400_000L))));
        }
        deliver(task, farDates.toArray(new SinkRecord[0]));
        assertThat(DATABASE.rows("SELECT text, day::text AS day FROM " + DATABASE.quote(table) + " WHERE id IN (1, 50)"
                + " ORDER BY id")).extracting(r -> r.get("text") + " " + r.get("day"))
                .containsExactly("again 1 2024-03-01", "again 50 12024-01-01");
        // the first flush went through COPY, the second (a date COPY cannot carry) as a batch
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(100L);
    }

    /** With bulk.load.enabled=false, a large flush goes as JDBC batches: nothing through COPY. */
    @Test
    void largeFlushesAreBatchesWhenTheBulkLoadIsDisabled() throws SQLException {
        String table = table("batches");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "false");
        SinkRecord[] records = new SinkRecord[200];
        for (int i = 0; i < records.length; i++) {
            records[i] = events.create(events.row("id", i + 1, "name", "n" + (i + 1), "score", (long) i));
        }
        deliver(task, records);
        assertThat(DATABASE.count(table)).isEqualTo(200);
        assertThat(jmx("RowsWritten")).isEqualTo(200L);
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(0L);
    }

    /**
     * A large flush of creates goes straight into the table by COPY. Delivered again (as after a restart) the
     * keys are there: that copy is undone and the rows are upserted through the staging table, and so is the
     * next flush, after which new rows are copied straight in again.
     */
    @Test
    void newRowsAreCopiedIntoTheTableAndRedeliveredOnesUpserted() throws SQLException {
        String table = table("direct");
        ChangeEvents events = customers(table);
        // Flushes of 2000 rows: more than one chunk of COPY data is sent before the server finds a key it has.
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "true",
                "batch.size", "5000");
        deliver(task, creates(events, 1, 2000, "first"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(2000L);

        deliver(task, creates(events, 1, 2000, "again"));
        assertThat(DATABASE.count(table)).isEqualTo(2000);
        assertThat(customerRows(table)).allSatisfy(row -> assertThat(row.get("name")).isEqualTo("again " + row.get("id")));
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(4000L);
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(2000L);

        deliver(task, creates(events, 2001, 3000, "new"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(2000L);
        deliver(task, creates(events, 3001, 4000, "new"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(3000L);
        assertThat(customerRows(table)).hasSize(4000).element(3999).isEqualTo(customer(4000, "new 4000", 4000L));
    }

    /**
     * Rows are sent to the server while the next are encoded. A value with no exact COPY form found after some
     * rows were sent undoes the load, and the whole flush is written with the batch statement.
     */
    @Test
    void aValueWithoutACopyFormLateInALargeFlushSendsItAsABatch() throws SQLException {
        String table = table("late_far_date");
        Schema value = SchemaBuilder.struct().name("shop.public.late.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("text", Schema.OPTIONAL_STRING_SCHEMA)
                .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
                .build();
        ChangeEvents events = new ChangeEvents("shop.public." + table, "public", table, value, "id");
        SinkRecord[] records = new SinkRecord[2000];
        for (int id = 1; id <= records.length; id++) {
            LocalDate day = id == 1900 ? LocalDate.of(12_024, 1, 1) : LocalDate.of(2024, 3, 1);
            records[id - 1] = events.create(events.row("id", id, "text", "a row long enough to fill chunks " + id,
                    "day", new java.util.Date(day.toEpochDay() * 86_400_000L)));
        }
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "true",
                "batch.size", "5000");
        deliver(task, records);
        assertThat(DATABASE.count(table)).isEqualTo(2000);
        assertThat(DATABASE.rows("SELECT day::text AS day FROM " + DATABASE.quote(table) + " WHERE id IN (1, 1900) "
                + "ORDER BY id")).extracting(r -> r.get("day")).containsExactly("2024-03-01", "12024-01-01");
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(0L);
        assertThat(jmx("RowsWritten")).isEqualTo(2000L);
    }

    /** In insert mode every large flush is copied straight into the table. */
    @Test
    void insertModeCopiesIntoTheTable() throws SQLException {
        String table = table("direct_insert");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "insert", "primary.key.mode", "record_key", "bulk.load.enabled", "true");
        SinkRecord[] records = new SinkRecord[100];
        for (int i = 0; i < records.length; i++) {
            records[i] = events.update(events.row("id", i + 1), events.row("id", i + 1, "name", "n" + (i + 1)));
        }
        deliver(task, records);
        assertThat(DATABASE.count(table)).isEqualTo(100);
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(100L);
    }

    /**
     * Where a column's type differs from the one the value is bound as, a bound statement converts it the way
     * the cast does: a float into a double precision column keeps the float's binary value, not its text. New
     * rows then take the staging path so that they get the same value.
     */
    @Test
    void newRowsTakeTheStagingPathWhereAColumnsTypeDiffers() throws SQLException {
        String table = table("widened");
        DATABASE.execute("CREATE TABLE " + DATABASE.quote(table) + " (id int PRIMARY KEY, ratio double precision)");
        Schema value = SchemaBuilder.struct().name("shop.public.widened.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .build();
        ChangeEvents events = new ChangeEvents("shop.public." + table, "public", table, value, "id");
        SinkRecord[] records = new SinkRecord[100];
        for (int id = 1; id <= records.length; id++) {
            records[id - 1] = events.create(events.row("id", id, "ratio", 0.1f));
        }
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "bulk.load.enabled", "true");
        deliver(task, records);
        assertThat(DATABASE.rows("SELECT ratio FROM " + DATABASE.quote(table))).hasSize(100)
                .allSatisfy(row -> assertThat(row.get("ratio")).isEqualTo((double) 0.1f));
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(100L);
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(0L);
    }
}
