package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Table and column filters, message key columns and skipped operations. */
class FilteringIT {

    private TestDatabase db;

    @BeforeEach
    void createTables() throws Exception {
        db = new TestDatabase("filter");
        db.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20), secret VARCHAR(20))",
                "CREATE TABLE events (region VARCHAR(5), seq INT, what VARCHAR(20))",
                "CREATE TABLE ignored (id INT PRIMARY KEY)");
    }

    @AfterEach
    void dropTables() throws Exception {
        db.close();
    }

    @Test
    void filtersTablesColumnsAndOperationsAndKeysByConfiguredColumns() throws Exception {
        Map<String, String> config = TaskHarness.config("f", db.name(), 5570);
        config.put("snapshot.mode", "no_data");
        config.put("include.schema.changes", "false");
        config.put("table.exclude.list", "cdc_my_filter\\.ignored");
        config.put("column.exclude.list", "cdc_my_filter\\.people\\.secret");
        config.put("message.key.columns", "cdc_my_filter\\.events:region,seq");
        config.put("skipped.operations", "u");
        try (TaskHarness task = new TaskHarness(config).start()) {
            db.execute("INSERT INTO ignored VALUES (1)", "INSERT INTO people VALUES (1, 'ann', 'pin')",
                    "UPDATE people SET name = 'anne' WHERE id = 1", "INSERT INTO events VALUES ('eu', 7, 'x')",
                    "DELETE FROM events");
            List<SourceRecord> records = task.take(4, r -> true);
            records.addAll(task.drain(Duration.ofMillis(300)));
            assertThat(records).extracting(SourceRecord::topic).containsExactly("f.cdc_my_filter.people",
                    "f.cdc_my_filter.events", "f.cdc_my_filter.events", "f.cdc_my_filter.events");
            Struct person = StreamingIT.after(records.get(0));
            assertThat(person.schema().field("secret")).isNull();
            assertThat(person.getString("name")).isEqualTo("ann");
            Struct key = (Struct) records.get(1).key();
            assertThat(key.getString("region")).isEqualTo("eu");
            assertThat(key.getInt32("seq")).isEqualTo(7);
            assertThat(StreamingIT.op(records.get(2))).isEqualTo("d");
            assertThat(records.get(3).value()).as("tombstone").isNull();
        }
    }

    @Test
    void transactionsFromAnExcludedGtidSourceAreSkipped() throws Exception {
        String serverId = db.queryString("SELECT @@server_id");
        String domain = db.queryString("SELECT @@gtid_domain_id");
        Map<String, String> config = TaskHarness.config("f", db.name(), 5571);
        config.put("snapshot.mode", "no_data");
        config.put("include.schema.changes", "false");
        config.put("gtid.source.excludes", domain + "-" + serverId);
        try (TaskHarness task = new TaskHarness(config).start()) {
            db.execute("INSERT INTO people VALUES (1, 'ann', 'pin')");
            assertThat(task.drain(Duration.ofSeconds(2))).noneMatch(r -> r.topic().startsWith("f.cdc_my_filter."));
        }
    }
}
