package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names with spaces and backticks, through snapshot (chunked by key) and stream. */
class QuotedIdentifiersIT {

    private TestDatabase db;

    @BeforeEach
    void createTable() throws Exception {
        db = new TestDatabase("quoted");
        db.execute("CREATE TABLE `odd ``name`` table` (`key part` INT, `a``b` VARCHAR(10), `c d` INT, "
                + "PRIMARY KEY (`key part`, `a``b`))");
        db.execute("INSERT INTO `odd ``name`` table` VALUES (1, 'x', 10), (2, 'y', 20), (3, 'z', 30)");
    }

    @AfterEach
    void dropTable() throws Exception {
        db.close();
    }

    @Test
    void capturesTablesAndColumnsWithBackticksAndSpaces() throws Exception {
        Map<String, String> config = TaskHarness.config("q", db.name(), 5550);
        config.put("snapshot.chunk.size", "2");
        config.put("skipped.operations", "none");
        config.put("table.include.list", "cdc_my_quoted\\.odd `name` table");
        String topic = "q.cdc_my_quoted.odd__name__table";
        try (TaskHarness task = new TaskHarness(config).start()) {
            List<SourceRecord> snapshot = task.take(3, topic);
            assertThat(snapshot).extracting(r -> StreamingIT.after(r).getInt32("key part")).containsExactly(1, 2, 3);
            db.execute("UPDATE `odd ``name`` table` SET `c d` = 21 WHERE `key part` = 2",
                    "TRUNCATE TABLE `odd ``name`` table`");
            SourceRecord update = task.take(1, topic).get(0);
            Struct after = StreamingIT.after(update);
            assertThat(after.getString("a`b")).isEqualTo("y");
            assertThat(after.getInt32("c d")).isEqualTo(21);
            assertThat(((Struct) update.key()).getString("a`b")).isEqualTo("y");
            assertThat(((Struct) update.value()).getStruct("source").getString("table")).isEqualTo("odd `name` table");
            SourceRecord truncate = task.take(1, topic).get(0);
            assertThat(StreamingIT.op(truncate)).isEqualTo("t");
        }
    }
}
