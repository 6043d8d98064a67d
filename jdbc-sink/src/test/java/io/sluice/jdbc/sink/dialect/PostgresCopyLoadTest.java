package io.sluice.jdbc.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.sink.record.Column;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** The rows and statements of PostgreSQL's COPY path, as text; PostgresSinkIT checks what the server makes of them. */
class PostgresCopyLoadTest {

    private final PostgresDialect postgres = new PostgresDialect();
    private final List<Column> columns = List.of(
            Column.of("id", Schema.INT64_SCHEMA, true),
            Column.of("note", Schema.OPTIONAL_STRING_SCHEMA, false),
            Column.of("price", Decimal.builder(2).optional().build(), false),
            Column.of("at", Timestamp.builder().optional().build(), false),
            Column.of("raw", Schema.OPTIONAL_BYTES_SCHEMA, false),
            Column.of("ok", Schema.OPTIONAL_BOOLEAN_SCHEMA, false));
    private final List<String> names = List.of("id", "Note", "price", "at", "raw", "ok");

    @Test
    void typedColumnsAreStagedAsBoundAndUntypedTextAsTheTargetColumn() {
        PostgresCopyLoad load = load(true);
        assertThat(load.toString()).matches("CREATE TEMPORARY TABLE IF NOT EXISTS pg_temp\\.sluice_staging_\\d+ ON COMMIT "
                + "DELETE ROWS AS SELECT NULL::int8 AS c0, t\\.\"Note\" AS c1, NULL::numeric AS c2, NULL::timestamp AS c3, "
                + "NULL::bytea AS c4, NULL::bool AS c5 FROM \"shop\"\\.\"orders\" t WITH NO DATA"
                + "\\|COPY pg_temp\\.sluice_staging_\\d+ FROM STDIN"
                + "\\|INSERT INTO \"shop\"\\.\"orders\" \\(\"id\",\"Note\",\"price\",\"at\",\"raw\",\"ok\"\\) SELECT "
                + "c0,c1,c2,c3,c4,c5 FROM pg_temp\\.sluice_staging_\\d+ ON CONFLICT \\(\"id\"\\) DO UPDATE SET "
                + "\"Note\"=EXCLUDED\\.\"Note\",.*\"ok\"=EXCLUDED\\.\"ok\""
                + "\\|COPY \"shop\"\\.\"orders\" \\(\"id\",\"Note\",\"price\",\"at\",\"raw\",\"ok\"\\) FROM STDIN");
        assertThat(load(false).toString()).matches(".*\\|INSERT INTO .* SELECT c0,c1,c2,c3,c4,c5 FROM "
                + "pg_temp\\.sluice_staging_\\d+\\|COPY .*");
    }

    @Test
    void rowsAreTabSeparatedWithEscapesAndNullMarkers() {
        StringBuilder rows = new StringBuilder();
        PostgresCopyLoad load = load(true);
        load.appendRow(rows, new Object[] {7L}, new Object[] {"a\tb\nc\\d\re", new BigDecimal("1E+3"),
                new java.util.Date(1_700_000_000_123L), new byte[] {0x5c, (byte) 0xff}, true});
        load.appendRow(rows, new Object[] {8L}, new Object[] {null, null, null, null, null});
        assertThat(rows.toString()).isEqualTo("7\ta\\tb\\nc\\\\d\\re\t1000\t2023-11-14T22:13:20.123000\t\\\\x5cff\tt\n"
                + "8\t\\N\t\\N\t\\N\t\\N\t\\N\n");
    }

    @Test
    void datesAndTimesAreWrittenFieldByField() {
        Schema zoned = SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build();
        PostgresCopyLoad load = (PostgresCopyLoad) postgres.bulkLoad(new TableName(null, "t"), List.of(
                Column.of("id", Schema.INT64_SCHEMA, true),
                Column.of("day", org.apache.kafka.connect.data.Date.builder().optional().build(), false),
                Column.of("at", org.apache.kafka.connect.data.Time.builder().optional().build(), false),
                Column.of("ts", Timestamp.builder().optional().build(), false),
                Column.of("zoned", zoned, false)), List.of("id", "day", "at", "ts", "zoned"), 1, true, ZoneOffset.UTC);
        StringBuilder rows = new StringBuilder();
        java.util.Date day = new java.util.Date(java.time.LocalDate.of(5, 3, 7).toEpochDay() * 86_400_000L);
        load.appendRow(rows, new Object[] {1L}, new Object[] {day, new java.util.Date(3_723_004L),
                new java.util.Date(0L), "2024-02-29T23:59:58.5-03:30"});
        load.appendRow(rows, new Object[] {2L}, new Object[] {null, new java.util.Date(0L), null, "2024-01-01T00:00:00Z"});
        load.appendRow(rows, new Object[] {3L}, new Object[] {null, null, null, "2024-01-01T10:00:00.000001+05:30:15"});
        assertThat(rows.toString()).isEqualTo(
                "1\t0005-03-07\t01:02:03.004000\t1970-01-01T00:00:00\t2024-02-29T23:59:58.500000-03:30\n"
                + "2\t\\N\t00:00:00\t\\N\t2024-01-01T00:00:00Z\n"
                + "3\t\\N\t\\N\t\\N\t2024-01-01T10:00:00.000001+05:30:15\n");
    }

    @Test
    void valuesWithoutAnExactTextFormAreRefusedForTheBatchStatement() {
        PostgresCopyLoad load = load(true);
        java.util.Date farFuture = new java.util.Date(java.time.LocalDate.of(12_024, 1, 1).toEpochDay() * 86_400_000L);
        assertThatThrownBy(() -> load.appendRow(new StringBuilder(), new Object[] {1L},
                new Object[] {null, null, farFuture, null, null})).isInstanceOf(CopyText.NotCopyable.class);
        assertThatThrownBy(() -> load.appendRow(new StringBuilder(), new Object[] {null},
                new Object[] {null, null, null, null, null})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemalessColumnsHaveNoBulkLoad() {
        assertThat(postgres.bulkLoad(new TableName(null, "t"), List.of(Column.schemaless("id", true)), List.of("id"), 1,
                true, ZoneOffset.UTC)).isNull();
    }

    private PostgresCopyLoad load(boolean upsert) {
        return (PostgresCopyLoad) postgres.bulkLoad(new TableName("shop", "orders"), columns, names, 1, upsert,
                ZoneOffset.UTC);
    }
}
