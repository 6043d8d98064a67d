package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Structure changes while streaming, and while catching up on events written before a change. */
class DdlIT {

    private static final String TOPIC = "ddl.cdc_my_ddl.t";

    private TestDatabase db;

    @BeforeEach
    void createTable() throws Exception {
        db = new TestDatabase("ddl");
        db.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10))");
    }

    @AfterEach
    void dropTable() throws Exception {
        db.close();
    }

    private Map<String, String> config(long serverId) {
        Map<String, String> config = TaskHarness.config("ddl", db.name(), serverId);
        config.put("snapshot.mode", "no_data");
        config.put("skipped.operations", "none");
        return config;
    }

    @Test
    void addDropRenameColumnsAndRenameTableWhileStreaming() throws Exception {
        try (TaskHarness task = new TaskHarness(config(5530)).start()) {
            db.execute("INSERT INTO t VALUES (1, 10, 'x')");
            assertThat(StreamingIT.after(task.take(1, TOPIC).get(0)).schema().fields()).hasSize(3);

            db.execute("ALTER TABLE t ADD COLUMN c INT DEFAULT 5");
            SourceRecord change = task.take(1, "ddl").get(0);
            Struct value = (Struct) change.value();
            assertThat(((Struct) change.key()).getString("databaseName")).isEqualTo("cdc_my_ddl");
            assertThat(value.getString("ddl")).isEqualTo("ALTER TABLE t ADD COLUMN c INT DEFAULT 5");
            List<Struct> tableChanges = value.getArray("tableChanges");
            assertThat(tableChanges).hasSize(1);
            assertThat(tableChanges.get(0).getString("type")).isEqualTo("ALTER");
            assertThat(tableChanges.get(0).getString("id")).isEqualTo("\"cdc_my_ddl\".\"t\"");
            List<Struct> columns = tableChanges.get(0).getStruct("table").getArray("columns");
            assertThat(columns).extracting(c -> c.getString("name")).containsExactly("id", "a", "b", "c");

            db.execute("INSERT INTO t VALUES (2, 20, 'y', 7)");
            Struct added = StreamingIT.after(task.take(1, TOPIC).get(0));
            assertThat(added.getInt32("c")).isEqualTo(7);

            db.execute("ALTER TABLE t DROP COLUMN a", "INSERT INTO t VALUES (3, 'z', 8)");
            Struct dropped = StreamingIT.after(task.take(1, TOPIC).get(0));
            assertThat(dropped.schema().field("a")).isNull();
            assertThat(dropped.getString("b")).isEqualTo("z");

            db.execute("ALTER TABLE t RENAME COLUMN b TO bb", "INSERT INTO t VALUES (4, 'w', 9)");
            Struct renamed = StreamingIT.after(task.take(1, TOPIC).get(0));
            assertThat(renamed.getString("bb")).isEqualTo("w");

            db.execute("RENAME TABLE t TO t2", "INSERT INTO t2 VALUES (5, 'v', 10)");
            SourceRecord moved = task.take(1, "ddl.cdc_my_ddl.t2").get(0);
            assertThat(StreamingIT.after(moved).getInt32("id")).isEqualTo(5);

            db.execute("TRUNCATE TABLE t2");
            SourceRecord truncate = task.take(1, "ddl.cdc_my_ddl.t2").get(0);
            assertThat(StreamingIT.op(truncate)).isEqualTo("t");
            assertThat(truncate.key()).isNull();
        }
    }

    @Test
    void eventsWrittenBeforeALaterDropAreReadWithTheirOwnColumns() throws Exception {
        TaskHarness task = new TaskHarness(config(5531)).start();
        try {
            db.execute("INSERT INTO t VALUES (1, 10, '1')");
            task.take(1, TOPIC);
            task.stop();
            // While the connector is down: a row with column a, then a DDL that drops a and retypes b.
            db.execute("INSERT INTO t VALUES (2, 20, '2')", "ALTER TABLE t DROP COLUMN a",
                    "ALTER TABLE t MODIFY b INT", "INSERT INTO t VALUES (3, 30)");
            task.start();
            List<SourceRecord> records = task.take(2, TOPIC);
            Struct old = StreamingIT.after(records.get(0));
            assertThat(old.getInt32("a")).isEqualTo(20);
            assertThat(old.getString("b")).isEqualTo("2");
            Struct current = StreamingIT.after(records.get(1));
            assertThat(current.schema().field("a")).isNull();
            assertThat(current.getInt32("b")).isEqualTo(30);
        } finally {
            task.close();
        }
    }

    @Test
    void ddlInAnotherDatabaseWritesNoSchemaChange() throws Exception {
        try (TaskHarness task = new TaskHarness(config(5532)).start();
                TestDatabase other = new TestDatabase("ddl_other")) {
            // Its name contains the captured database's name: still not ours.
            other.execute("CREATE TABLE x (id INT PRIMARY KEY)");
            db.execute("ALTER TABLE t ADD COLUMN c INT");
            List<SourceRecord> changes = task.take(1, "ddl");
            Struct change = (Struct) changes.get(0).value();
            assertThat(change.getString("ddl")).isEqualTo("ALTER TABLE t ADD COLUMN c INT");
            List<Struct> tableChanges = change.getArray("tableChanges");
            assertThat(tableChanges).extracting(c -> c.getString("type")).containsExactly("ALTER");
        }
    }
}
