package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every MySQL/MariaDB type, with exact values, read once by the snapshot and once from the binlog. */
class TypesIT {

    private static final String TOPIC = "types.cdc_my_types.all_types";
    private static final String VALUES = "-128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, "
            + "-9223372036854775808, 18446744073709551615, 1.5, 2.25, 12345678.91, "
            + "12345678901234567890.0123456789, b'1', b'1010101011', 'ab', 'héllo wörld', 'long text', 'café', "
            + "x'0102', x'00ff', x'deadbeef', 'green', 'a,c', 2024, '2024-02-29', '-12:34:56.789012', '838:59:59', "
            + "'2024-01-31 11:45:30.123456', '1969-12-31 23:59:59.999', '2024-01-31 11:45:30.654321', "
            + "'{\"a\": [1, 2.5, \"x\"], \"b\": null}', ST_GeomFromText('POINT(1 2)', 4326), "
            + "ST_GeomFromText('POINT(3 4)')";

    private TestDatabase db;

    @BeforeEach
    void createTable() throws Exception {
        db = new TestDatabase("types");
        db.execute("SET SESSION time_zone = '+00:00'", "SET SESSION sql_mode = ''",
                "CREATE TABLE all_types (id INT PRIMARY KEY, "
                        + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, "
                        + "miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, "
                        + "f FLOAT, d DOUBLE, dec1 DECIMAL(10,2), dec2 DECIMAL(30,10), b1 BIT(1), b10 BIT(10), "
                        + "c CHAR(5), vc VARCHAR(20), t TEXT, lat VARCHAR(10) CHARACTER SET latin1, "
                        + "bin BINARY(4), vbin VARBINARY(10), bl BLOB, e ENUM('red','green','blue'), "
                        + "s SET('a','b','c'), y YEAR, dt DATE, tm TIME(6), tm0 TIME, dtm DATETIME(6), "
                        + "dtm3 DATETIME(3), ts TIMESTAMP(6) NULL, j JSON, g GEOMETRY, pt POINT)");
    }

    @AfterEach
    void dropTable() throws Exception {
        db.close();
    }

    @Test
    void snapshotAndStreamWriteTheSameExactValues() throws Exception {
        db.execute("INSERT INTO all_types VALUES (1, " + VALUES + ")",
                "INSERT INTO all_types (id, dt, dtm, ts) VALUES (3, '0000-00-00', '0000-00-00 00:00:00', "
                        + "'0000-00-00 00:00:00')");
        Map<String, String> config = TaskHarness.config("types", db.name(), 5510);
        config.put("include.schema.changes", "false");
        try (TaskHarness task = new TaskHarness(config).start()) {
            List<SourceRecord> snapshot = task.take(2, TOPIC);
            db.execute("INSERT INTO all_types VALUES (2, " + VALUES + ")",
                    "INSERT INTO all_types (id, dt, dtm, ts) VALUES (4, '0000-00-00', '0000-00-00 00:00:00', "
                            + "'0000-00-00 00:00:00')");
            List<SourceRecord> streamed = task.take(2, TOPIC);

            Struct read = StreamingIT.after(snapshot.get(0));
            Struct created = StreamingIT.after(streamed.get(0));
            assertThat(StreamingIT.op(snapshot.get(0))).isEqualTo("r");
            assertThat(StreamingIT.op(streamed.get(0))).isEqualTo("c");
            for (Struct row : List.of(read, created)) {
                assertExactValues(row);
            }
            for (var field : read.schema().fields()) {
                if (!field.name().equals("id")) {
                    assertThat(created.get(field.name())).as(field.name()).isEqualTo(read.get(field.name()));
                }
            }

            // Zero dates in nullable columns become null (zero.date.handling.mode=null), in both paths.
            for (SourceRecord record : List.of(snapshot.get(1), streamed.get(1))) {
                Struct zero = StreamingIT.after(record);
                assertThat(zero.get("dt")).as("dt").isNull();
                assertThat(zero.get("dtm")).as("dtm").isNull();
                assertThat(zero.get("ts")).as("ts").isNull();
            }
        }
    }

    private static void assertExactValues(Struct row) {
        assertThat(row.get("ti")).isEqualTo((short) -128);
        assertThat(row.get("tiu")).isEqualTo((short) 255);
        assertThat(row.get("si")).isEqualTo((short) -32768);
        assertThat(row.get("siu")).isEqualTo(65535);
        assertThat(row.get("mi")).isEqualTo(-8388608);
        assertThat(row.get("miu")).isEqualTo(16777215);
        assertThat(row.get("i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(row.get("iu")).isEqualTo(4294967295L);
        assertThat(row.get("bi")).isEqualTo(Long.MIN_VALUE);
        assertThat(row.get("biu")).as("BIGINT UNSIGNED in long mode wraps").isEqualTo(-1L);
        assertThat(row.get("f")).isEqualTo(1.5f);
        assertThat(row.get("d")).isEqualTo(2.25);
        assertThat(row.get("dec1")).isEqualTo(new BigDecimal("12345678.91"));
        assertThat(row.get("dec2")).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        assertThat(row.get("b1")).isEqualTo(true);
        assertThat(row.getBytes("b10")).containsExactly(0xAB, 0x02);
        assertThat(row.get("c")).isEqualTo("ab");
        assertThat(row.get("vc")).isEqualTo("héllo wörld");
        assertThat(row.get("t")).isEqualTo("long text");
        assertThat(row.get("lat")).isEqualTo("café");
        assertThat(bytes(row.get("bin"))).containsExactly(1, 2, 0, 0);
        assertThat(bytes(row.get("vbin"))).containsExactly(0x00, 0xff);
        assertThat(bytes(row.get("bl"))).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(row.get("e")).isEqualTo("green");
        assertThat(row.get("s")).isEqualTo("a,c");
        assertThat(row.get("y")).isEqualTo(2024);
        assertThat(row.get("dt")).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(row.get("tm")).isEqualTo(-((12 * 3600 + 34 * 60 + 56) * 1_000_000L + 789_012));
        assertThat(row.get("tm0")).isEqualTo((838 * 3600 + 59 * 60 + 59) * 1000);
        assertThat(row.get("dtm")).isEqualTo(LocalDateTime.of(2024, 1, 31, 11, 45, 30).toEpochSecond(ZoneOffset.UTC)
                * 1_000_000L + 123_456);
        assertThat(row.get("dtm3")).isEqualTo(-1L);
        assertThat(row.get("ts")).isEqualTo("2024-01-31T11:45:30.654321Z");
        assertThat(row.get("j")).isEqualTo("{\"a\": [1, 2.5, \"x\"], \"b\": null}");
        Struct geometry = row.getStruct("g");
        assertThat(geometry.getInt32("srid")).isEqualTo(4326);
        assertThat(bytes(geometry.get("wkb"))).hasSize(21);
        assertThat(row.getStruct("pt").getInt32("srid")).isEqualTo(0);
        assertThat(row.schema().field("e").schema().parameters()).containsEntry("allowed", "red,green,blue");
        assertThat(row.schema().field("j").schema().name()).isEqualTo("io.debezium.data.Json");
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }
}
