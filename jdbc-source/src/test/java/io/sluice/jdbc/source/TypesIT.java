package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Common column types come out as the plain Connect types and exact values Confluent's source gives. */
class TypesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Date LEAP_DAY = new Date(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L);
    private static final Date TIME_OF_DAY = new Date((13 * 3600 + 14 * 60 + 15) * 1000L + 678);

    @Test
    void postgresTypes() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRES, "types_pg")) {
            db.execute("CREATE TABLE types (id INT NOT NULL PRIMARY KEY, b BOOLEAN, si SMALLINT, i INTEGER, "
                    + "bi BIGINT, r REAL, d DOUBLE PRECISION, n NUMERIC(10,2), nbig NUMERIC(30,5), nfree NUMERIC, "
                    + "nint NUMERIC(9,0), c CHAR(3), vc VARCHAR(10), t TEXT, by BYTEA, dt DATE, tm TIME(3), "
                    + "ts TIMESTAMP(6), tstz TIMESTAMPTZ, u UUID, j JSONB)",
                    "INSERT INTO types VALUES (1, true, -32768, 2147483647, 9223372036854775807, 1.5, 2.25, "
                    + "12345678.91, 1234567890123456789012345.12345, 3.14159265358979323846, 123456789, 'ab', "
                    + "'h\u00e9llo', 'long text', '\\x00ff', '2024-02-29', '13:14:15.678', "
                    + "'2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.123+02', "
                    + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}')",
                    "INSERT INTO types (id) VALUES (2)",
                    // Edges where PostgreSQL's binary format (which the reads ask for) and its text differ most.
                    "INSERT INTO types (id, r, d, n, nfree, dt, tm, ts, tstz) VALUES (3, 'NaN', '-Infinity', -0.01, "
                    + "-0.00000000000000000001, '0001-01-01', '23:59:59.999', '1969-12-31 23:59:59.999999', "
                    + "'1900-01-01 00:00:00.5+00')");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("b", true);
            expected.put("si", (short) -32768);
            expected.put("i", 2147483647);
            expected.put("bi", 9223372036854775807L);
            expected.put("r", 1.5f);
            expected.put("d", 2.25d);
            expected.put("n", new BigDecimal("12345678.91"));
            expected.put("nbig", new BigDecimal("1234567890123456789012345.12345"));
            expected.put("nfree", "3.14159265358979323846");
            expected.put("nint", new BigDecimal("123456789"));
            expected.put("c", "ab ");
            expected.put("vc", "h\u00e9llo");
            expected.put("t", "long text");
            expected.put("by", new byte[] {0, (byte) 0xff});
            expected.put("dt", LEAP_DAY);
            expected.put("tm", TIME_OF_DAY);
            expected.put("ts", Date.from(Instant.parse("2024-02-29T13:14:15.123Z")));
            expected.put("tstz", Date.from(Instant.parse("2024-02-29T11:14:15.123Z")));
            expected.put("u", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            expected.put("j", "{\"a\": 1}");

            List<SourceRecord> records = copy(db, "none", 3);
            assertValues(records.get(0), expected);
            assertAllNullExceptId(records.get(1));
            Struct edges = (Struct) records.get(2).value();
            assertThat(edges.get("r")).isEqualTo(Float.NaN);
            assertThat(edges.get("d")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(edges.get("n")).isEqualTo(new BigDecimal("-0.01"));
            assertThat(edges.get("nfree")).isEqualTo("-0.00000000000000000001");
            assertThat(edges.get("dt")).isEqualTo(new Date(java.time.LocalDate.of(1, 1, 1).toEpochDay() * 86_400_000L));
            assertThat(edges.get("tm")).isEqualTo(new Date(86_399_999L));
            assertThat(edges.get("ts")).isEqualTo(new Date(-1L));
            assertThat(edges.get("tstz")).isEqualTo(Date.from(Instant.parse("1900-01-01T00:00:00.500Z")));
            Schema schema = records.get(0).valueSchema();
            assertThat(schema.field("n").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
            assertThat(schema.field("n").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "2");
            assertThat(schema.field("dt").schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
            assertThat(schema.field("tm").schema().name()).isEqualTo(Time.LOGICAL_NAME);
            assertThat(schema.field("ts").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
            assertThat(schema.field("id").schema().isOptional()).isFalse();
            assertThat(schema.field("i").schema().isOptional()).isTrue();

            Struct precisionOnly = (Struct) copy(db, "precision_only", 3).get(0).value();
            assertThat(precisionOnly.get("nint")).isEqualTo(123456789);
            assertThat(precisionOnly.get("n")).isEqualTo(new BigDecimal("12345678.91"));

            Struct bestFit = (Struct) copy(db, "best_fit", 3).get(0).value();
            assertThat(bestFit.get("nint")).isEqualTo(123456789);
            assertThat(bestFit.get("n")).isEqualTo(12345678.91d);
            assertThat(bestFit.get("nbig")).isEqualTo(new BigDecimal("1234567890123456789012345.12345"));
            assertThat(bestFit.get("nfree")).isEqualTo(3.14159265358979323846d);
        }
    }

    @Test
    void mariadbTypes() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB, "types_my")) {
            db.execute("CREATE TABLE types (id INT NOT NULL PRIMARY KEY, b BOOLEAN, ti TINYINT, si SMALLINT, "
                    + "i INT, bi BIGINT, iu INT UNSIGNED, biu BIGINT UNSIGNED, f FLOAT, d DOUBLE, n DECIMAL(10,2), nbig DECIMAL(30,5), "
                    + "nint DECIMAL(9,0), c CHAR(3), vc VARCHAR(10), t TEXT, bin VARBINARY(4), bl BLOB, dt DATE, "
                    + "tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(6) NULL, j JSON, e ENUM('x','y'))",
                    "INSERT INTO types VALUES (1, true, -128, -32768, 2147483647, 9223372036854775807, 4294967295, 18446744073709551615, "
                    + "1.5, 2.25, 12345678.91, 1234567890123456789012345.12345, 123456789, 'ab', 'h\u00e9llo', "
                    + "'long text', X'00ff', X'0102', '2024-02-29', '13:14:15.678', '2024-02-29 13:14:15.123456', "
                    + "'2024-02-29 13:14:15.123456', '{\"a\": 1}', 'y')",
                    "INSERT INTO types (id) VALUES (2)",
                    // Edges of the binary protocol (which the reads use) and of the text one.
                    "INSERT INTO types (id, b, i, bi, iu, f, d, n, nbig, vc, t, bin, dt, tm, dtm, ts) VALUES (3, false, "
                    + "-2147483648, -9223372036854775808, 0, -0.1, -1e-300, -0.01, -0.00001, '', '', X'', "
                    + "'1000-01-01', '00:00:00.001', '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01.000999')");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("b", true);
            expected.put("ti", (byte) -128);
            expected.put("si", (short) -32768);
            expected.put("i", 2147483647);
            expected.put("bi", 9223372036854775807L);
            expected.put("iu", 4294967295L);
            expected.put("biu", new BigDecimal("18446744073709551615"));
            expected.put("f", 1.5f);
            expected.put("d", 2.25d);
            expected.put("n", new BigDecimal("12345678.91"));
            expected.put("nbig", new BigDecimal("1234567890123456789012345.12345"));
            expected.put("nint", new BigDecimal("123456789"));
            expected.put("c", "ab");
            expected.put("vc", "h\u00e9llo");
            expected.put("t", "long text");
            expected.put("bin", new byte[] {0, (byte) 0xff});
            expected.put("bl", new byte[] {1, 2});
            expected.put("dt", LEAP_DAY);
            expected.put("tm", TIME_OF_DAY);
            expected.put("dtm", Date.from(Instant.parse("2024-02-29T13:14:15.123Z")));
            expected.put("ts", Date.from(Instant.parse("2024-02-29T13:14:15.123Z")));
            expected.put("j", "{\"a\": 1}");
            expected.put("e", "y");

            // The same values whether MariaDB Connector/J reads the binary protocol (the default the connector
            // sets) or text.
            for (String url : List.of(db.url(), db.url() + "?useServerPrepStmts=false")) {
                List<SourceRecord> records = copy(db, url, "none", 3);
                assertValues(records.get(0), expected);
                assertAllNullExceptId(records.get(1));
                Struct edges = (Struct) records.get(2).value();
                SoftAssertions softly = new SoftAssertions();
                softly.assertThat(edges.get("b")).as(url).isEqualTo(false);
                softly.assertThat(edges.get("i")).as(url).isEqualTo(Integer.MIN_VALUE);
                softly.assertThat(edges.get("bi")).as(url).isEqualTo(Long.MIN_VALUE);
                softly.assertThat(edges.get("iu")).as(url).isEqualTo(0L);
                softly.assertThat(edges.get("f")).as(url).isEqualTo(-0.1f);
                softly.assertThat(edges.get("d")).as(url).isEqualTo(-1e-300);
                softly.assertThat(edges.get("n")).as(url).isEqualTo(new BigDecimal("-0.01"));
                softly.assertThat(edges.get("nbig")).as(url).isEqualTo(new BigDecimal("-0.00001"));
                softly.assertThat(edges.get("vc")).as(url).isEqualTo("");
                softly.assertThat(edges.get("t")).as(url).isEqualTo("");
                softly.assertThat(edges.get("bin")).as(url).isEqualTo(new byte[0]);
                softly.assertThat(edges.get("dt")).as(url)
                        .isEqualTo(new Date(LocalDate.of(1000, 1, 1).toEpochDay() * 86_400_000L));
                softly.assertThat(edges.get("tm")).as(url).isEqualTo(new Date(1));
                softly.assertThat(edges.get("dtm")).as(url).isEqualTo(Date.from(Instant.parse("1000-01-01T00:00:00Z")));
                softly.assertThat(edges.get("ts")).as(url).isEqualTo(new Date(1000));
                softly.assertAll();
            }

            Struct bestFit = (Struct) copy(db, "best_fit", 3).get(0).value();
            assertThat(bestFit.get("nint")).isEqualTo(123456789);
            assertThat(bestFit.get("n")).isEqualTo(12345678.91d);
            assertThat(bestFit.get("nbig")).isEqualTo(new BigDecimal("1234567890123456789012345.12345"));
        }
    }

    private static List<SourceRecord> copy(TestDatabase db, String numericMapping) throws Exception {
        return copy(db, numericMapping, 2);
    }

    private static List<SourceRecord> copy(TestDatabase db, String numericMapping, int rows) throws Exception {
        return copy(db, db.url(), numericMapping, rows);
    }

    private static List<SourceRecord> copy(TestDatabase db, String url, String numericMapping, int rows)
            throws Exception {
        Map<String, String> config = db.sourceConfig();
        config.put("connection.url", url);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("numeric.mapping", numericMapping);
        try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
            List<SourceRecord> records = run.pollUntil(rows, WAIT);
            assertThat(records).hasSize(rows);
            return records;
        }
    }

    private static void assertValues(SourceRecord record, Map<String, Object> expected) {
        Struct value = (Struct) record.value();
        value.validate();
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((column, wanted) -> softly.assertThat(value.get(column)).as(column).isEqualTo(wanted));
        softly.assertAll();
    }

    private static void assertAllNullExceptId(SourceRecord record) {
        Struct value = (Struct) record.value();
        value.validate();
        SoftAssertions softly = new SoftAssertions();
        value.schema().fields().stream().filter(f -> !f.name().equals("id"))
                .forEach(f -> softly.assertThat(value.get(f)).as(f.name()).isNull());
        softly.assertAll();
    }
}
