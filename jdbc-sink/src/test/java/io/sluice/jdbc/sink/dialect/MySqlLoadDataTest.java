package io.sluice.jdbc.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.record.Column;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** Which layouts MySQL's LOAD DATA path takes, and its statement; MariaDbSinkIT checks what the server makes of it. */
class MySqlLoadDataTest {

    private final MariaDbDialect mariadb = new MariaDbDialect();

    @Test
    void plainKindsAreLoadedIntoTheNamedColumns() {
        BulkLoad load = mariadb.bulkLoad(new TableName("shop", "orders"), List.of(
                Column.of("id", Schema.INT64_SCHEMA, true),
                Column.of("note", Schema.OPTIONAL_STRING_SCHEMA, false),
                Column.of("price", Decimal.builder(2).optional().build(), false),
                Column.of("at", Timestamp.builder().optional().build(), false),
                Column.of("ok", Schema.OPTIONAL_BOOLEAN_SCHEMA, false),
                Column.of("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA, false)),
                List.of("id", "Note", "price", "at", "ok", "ratio"), 1, true, ZoneOffset.UTC);
        assertThat(load).hasToString("LOAD DATA LOCAL INFILE 'sluice-rows' INTO TABLE `shop`.`orders` CHARACTER SET "
                + "utf8mb4 (`id`,`Note`,`price`,`at`,`ok`,`ratio`)");
    }

    @Test
    void otherKindsLeaveTheLayoutToTheBatchStatement() {
        for (Schema other : List.of(Schema.OPTIONAL_BYTES_SCHEMA, Schema.OPTIONAL_FLOAT32_SCHEMA,
                org.apache.kafka.connect.data.Time.builder().optional().build())) {
            assertThat(mariadb.bulkLoad(new TableName(null, "t"), List.of(Column.of("id", Schema.INT32_SCHEMA, true),
                    Column.of("v", other, false)), List.of("id", "v"), 1, true, ZoneOffset.UTC)).as(other.toString())
                    .isNull();
        }
        assertThat(mariadb.bulkLoad(new TableName(null, "t"), List.of(Column.schemaless("id", true)), List.of("id"), 1,
                true, ZoneOffset.UTC)).isNull();
    }
}
