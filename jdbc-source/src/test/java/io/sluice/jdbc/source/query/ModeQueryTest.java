package io.sluice.jdbc.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.config.Mode;
import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.dialect.MySqlDialect;
import io.sluice.jdbc.source.dialect.PostgresDialect;
import io.sluice.jdbc.source.discovery.TableId;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SELECT each mode generates, per dialect. */
class ModeQueryTest {

    private static final Dialect POSTGRES = new PostgresDialect(true);
    private static final Dialect MYSQL = new MySqlDialect(true);
    private static final TableId PG_TABLE = new TableId(null, "public", "orders");
    private static final TableId MY_TABLE = new TableId("shop", null, "orders");

    private static String sql(Mode mode, Dialect dialect, TableId table, boolean hasOffset, String suffix,
            String... timestampColumns) {
        return ModeQuery.of(mode, dialect, "id", List.of(timestampColumns), suffix)
                .sql(dialect.quote(table), hasOffset);
    }

    @Test
    void bulkSelectsTheWholeTable() {
        assertThat(sql(Mode.BULK, POSTGRES, PG_TABLE, false, "")).isEqualTo("SELECT * FROM \"public\".\"orders\"");
        assertThat(sql(Mode.BULK, MYSQL, MY_TABLE, false, "")).isEqualTo("SELECT * FROM `shop`.`orders`");
    }

    @Test
    void incrementingContinuesAfterTheLastId() {
        assertThat(sql(Mode.INCREMENTING, POSTGRES, PG_TABLE, true, ""))
                .isEqualTo("SELECT * FROM \"public\".\"orders\" WHERE \"id\" > ? ORDER BY \"id\" ASC");
        assertThat(sql(Mode.INCREMENTING, MYSQL, MY_TABLE, false, ""))
                .isEqualTo("SELECT * FROM `shop`.`orders` WHERE `id` IS NOT NULL ORDER BY `id` ASC");
    }

    @Test
    void timestampReadsBetweenTheOffsetAndTheDelayedClock() {
        assertThat(sql(Mode.TIMESTAMP, POSTGRES, PG_TABLE, true, "", "changed"))
                .isEqualTo("SELECT * FROM \"public\".\"orders\" WHERE \"changed\" > ? AND \"changed\" < ?"
                        + " ORDER BY \"changed\" ASC");
        assertThat(sql(Mode.TIMESTAMP, MYSQL, MY_TABLE, false, "", "updated", "created"))
                .isEqualTo("SELECT * FROM `shop`.`orders` WHERE COALESCE(`updated`, `created`) < ?"
                        + " ORDER BY COALESCE(`updated`, `created`) ASC");
    }

    @Test
    void timestampIncrementingOrdersByTimestampThenId() {
        assertThat(sql(Mode.TIMESTAMP_INCREMENTING, POSTGRES, PG_TABLE, true, "", "changed"))
                .isEqualTo("SELECT * FROM \"public\".\"orders\" WHERE \"changed\" < ?"
                        + " AND (\"changed\" > ? OR (\"changed\" = ? AND \"id\" > ?))"
                        + " ORDER BY \"changed\" ASC, \"id\" ASC");
        assertThat(sql(Mode.TIMESTAMP_INCREMENTING, MYSQL, MY_TABLE, false, "", "changed"))
                .isEqualTo("SELECT * FROM `shop`.`orders` WHERE `changed` < ? ORDER BY `changed` ASC, `id` ASC");
    }

    @Test
    void theSuffixGoesLast() {
        assertThat(sql(Mode.INCREMENTING, POSTGRES, PG_TABLE, true, " FOR SHARE "))
                .endsWith("ORDER BY \"id\" ASC FOR SHARE");
    }

    @Test
    void aCustomQueryIsWrappedSoItsOwnWhereStays() {
        ReadTarget target = ReadTarget.query("SELECT a, b FROM t WHERE a > 3;", "out");
        assertThat(ModeQuery.of(Mode.INCREMENTING, POSTGRES, "a", List.of(), "").sql(target.from(), true))
                .isEqualTo("SELECT * FROM (SELECT a, b FROM t WHERE a > 3) sluice_query WHERE \"a\" > ?"
                        + " ORDER BY \"a\" ASC");
        assertThat(target.topic()).isEqualTo("out");
    }

    @Test
    void tablesGoToPrefixPlusTableName() {
        ReadTarget target = ReadTarget.table(PG_TABLE, POSTGRES, "db.");
        assertThat(target.topic()).isEqualTo("db.orders");
        assertThat(target.partition()).containsEntry("table", "public.orders");
    }

    @Test
    void timestampOffsetsMoveOnlyPastCompleteGroups() {
        ModeQuery query = ModeQuery.of(Mode.TIMESTAMP, POSTGRES, null, List.of("t"), "");
        SourceOffset a = new SourceOffset(null, Timestamp.valueOf("2024-01-01 00:00:00.000001"));
        SourceOffset b = new SourceOffset(null, Timestamp.valueOf("2024-01-01 00:00:00.000002"));
        assertThat(query.offsetAfter(null, a, a)).isNull();
        assertThat(query.offsetAfter(null, a, b)).isEqualTo(a);
        assertThat(query.offsetAfter(a, b, b)).isEqualTo(a);
        assertThat(query.offsetAfter(a, b, null)).isEqualTo(b);
    }

    @Test
    void timestampIncrementingAndIncrementingOffsetsAreTheRowItself() {
        SourceOffset row = new SourceOffset(7L, Timestamp.valueOf("2024-01-01 00:00:00"));
        assertThat(ModeQuery.of(Mode.TIMESTAMP_INCREMENTING, POSTGRES, "id", List.of("t"), "")
                .offsetAfter(null, row, row)).isEqualTo(row);
        assertThat(ModeQuery.of(Mode.INCREMENTING, POSTGRES, "id", List.of(), "").offsetAfter(null, row, null))
                .isEqualTo(new SourceOffset(7L, null));
    }
}
