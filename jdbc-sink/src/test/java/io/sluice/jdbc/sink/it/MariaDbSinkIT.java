package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.JdbcSinkTask;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sink's scenarios on the real MariaDB 10.11, in database jdbc_sink_maria. */
class MariaDbSinkIT extends SinkScenarios {

    private static final TargetDatabase DATABASE = new TargetDatabase.MariaDb("jdbc_sink_maria");

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
     * A large flush of creates goes in with LOAD DATA LOCAL INFILE. Delivered again (as after a restart) the keys
     * are there: the server rolls the load back and the batch statement upserts the rows, as it does the next
     * flush, after which new rows are loaded again.
     */
    @Test
    void newRowsAreLoadedIntoTheTableAndRedeliveredOnesUpserted() throws SQLException {
        String table = table("load_data");
        ChangeEvents events = customers(table);
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "batch.size", "5000");
        deliver(task, creates(events, 1, 2000, "first"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(2000L);

        deliver(task, creates(events, 1, 2000, "again"));
        assertThat(DATABASE.count(table)).isEqualTo(2000);
        assertThat(customerRows(table)).allSatisfy(row -> assertThat(row.get("name")).isEqualTo("again " + row.get("id")));
        assertThat(jmx("RowsBulkLoaded")).isEqualTo(2000L);

        deliver(task, creates(events, 2001, 3000, "new"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(2000L);
        deliver(task, creates(events, 3001, 4000, "new"));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(3000L);
        assertThat(customerRows(table)).hasSize(4000).element(3999).isEqualTo(customer(4000, "new 4000", 4000L));
        assertThat(jmx("RowsWritten")).isEqualTo(6000L);
    }

    /**
     * The same 200 rows of every kind LOAD DATA carries, once as creates (loaded) into one table and once as
     * updates (the batch statement) into another: both tables hold the same values, as the server reads them.
     */
    @Test
    void loadedRowsEqualTheRowsOfTheBatchStatement() throws SQLException {
        Schema value = SchemaBuilder.struct().name("shop.public.kinds.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
                .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
                .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("text", Schema.OPTIONAL_STRING_SCHEMA)
                .field("dec", org.apache.kafka.connect.data.Decimal.builder(2)
                        .parameter("connect.decimal.precision", "12").optional().build())
                .field("vdec", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
                        .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build())
                .field("c_date", org.apache.kafka.connect.data.Date.builder().optional().build())
                .field("d_date", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
                .field("c_ts", org.apache.kafka.connect.data.Timestamp.builder().optional().build())
                .field("d_micro_ts", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
                .field("d_zoned_ts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
                .build();
        String loaded = table("kinds_loaded");
        String bound = table("kinds_bound");
        ChangeEvents creates = new ChangeEvents("shop.public." + loaded, "public", loaded, value, "id");
        ChangeEvents updates = new ChangeEvents("shop.public." + bound, "public", bound, value, "id");
        double[] doubles = {0.1, -0.0, 1e-300, 123456789.123456789, -2.5e17, 1.0 / 3};
        String[] texts = {"plain", "tab\tnewline\ncr\rback\\slash \\N", "ü € 😀", "", "'quoted' \"double\""};
        List<SinkRecord> loads = new ArrayList<>();
        List<SinkRecord> binds = new ArrayList<>();
        for (int id = 1; id <= 200; id++) {
            Struct row = id % 50 == 0 ? creates.row("id", id) : creates.row("id", id,
                    "i8", (byte) (id % 256 - 128), "i16", (short) (id * 163 - 16000), "i64", id * 46_116_860_184_273L,
                    "f64", doubles[id % doubles.length], "flag", id % 3 == 0, "text", texts[id % texts.length] + id,
                    "dec", BigDecimal.valueOf(id * 12_345L - 1_000_000L, 2),
                    "vdec", new Struct(value.field("vdec").schema()).put("scale", id % 4)
                            .put("value", ByteBuffer.wrap(java.math.BigInteger.valueOf(id * -7_777L).toByteArray())),
                    "c_date", new java.util.Date((19_000L + id) * 86_400_000L), "d_date", 19_000 + id,
                    "c_ts", new java.util.Date(1_700_000_000_123L + id * 1_000_001L),
                    "d_micro_ts", 1_700_000_000_123_456L + id * 1_000_001L,
                    "d_zoned_ts", "2024-02-29T23:59:" + (10 + id % 50) + "." + (100_000 + id) + "+05:30");
            loads.add(creates.create(row));
            Struct copy = new Struct(updates.rowSchema);
            value.fields().forEach(f -> copy.put(f.name(), row.get(f.name())));
            binds.add(updates.update(updates.row("id", id), copy));
        }
        JdbcSinkTask task = start("insert.mode", "upsert", "primary.key.mode", "record_key", "batch.size", "5000");
        deliver(task, loads.toArray(new SinkRecord[0]));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(200L);
        deliver(task, binds.toArray(new SinkRecord[0]));
        assertThat(jmx("RowsBulkLoadedDirectly")).isEqualTo(200L);
        assertThat(jmx("RowsWritten")).isEqualTo(400L);

        List<Map<String, Object>> expected = DATABASE.rows("SELECT * FROM " + DATABASE.quote(bound) + " ORDER BY id");
        List<Map<String, Object>> actual = DATABASE.rows("SELECT * FROM " + DATABASE.quote(loaded) + " ORDER BY id");
        assertThat(actual).hasSize(200);
        for (int i = 0; i < expected.size(); i++) {
            for (String column : expected.get(i).keySet()) {
                assertThat(String.valueOf(actual.get(i).get(column))).as(column + " of row " + (i + 1))
                        .isEqualTo(String.valueOf(expected.get(i).get(column)));
            }
        }
        assertThat(actual.get(0).get("text")).isEqualTo("tab\tnewline\ncr\rback\\slash \\N1");
        assertThat(actual.get(1).get("text")).isEqualTo("ü € 😀2");
    }
}
