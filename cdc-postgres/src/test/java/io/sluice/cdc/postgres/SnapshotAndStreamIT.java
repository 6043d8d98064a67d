package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static io.sluice.cdc.postgres.TaskRunner.before;
import static io.sluice.cdc.postgres.TaskRunner.op;
import static io.sluice.cdc.postgres.TaskRunner.snapshotMarker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotAndStreamIT {

    private TestDatabase db;
    private TaskRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("stream");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) {
            runner.close();
        }
        db.close();
    }

    @Test
    void snapshotThenInsertsUpdatesDeletesAndKeyChanges() throws Exception {
        db.execute("CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL, qty int)",
                "INSERT INTO items VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', NULL)");
        runner = new TaskRunner(db.config()).start();

        List<SourceRecord> snapshot = runner.poll(3);
        assertThat(snapshot).hasSize(3);
        assertThat(snapshot).extracting(TaskRunner::op).containsOnly("r");
        assertThat(snapshot).extracting(SourceRecord::topic).containsOnly("test.public.items");
        assertThat(snapshot).extracting(TaskRunner::snapshotMarker).containsExactly("first", "true", "last");
        assertThat(snapshot).extracting(r -> after(r).getInt32("id")).containsExactly(1, 2, 3);
        assertThat(after(snapshot.get(2)).getInt32("qty")).isNull();
        assertThat(((Struct) snapshot.get(0).key()).getInt32("id")).isEqualTo(1);
        runner.commit(snapshot);

        db.execute("INSERT INTO items VALUES (4, 'four', 40)",
                "UPDATE items SET qty = 11 WHERE id = 1",
                "DELETE FROM items WHERE id = 2",
                "UPDATE items SET id = 30 WHERE id = 3");
        List<SourceRecord> changes = runner.poll(7);
        assertThat(changes).extracting(TaskRunner::op).containsExactly("c", "u", "d", null, "d", null, "c");
        // 7 records: create, update, delete + tombstone, key change as delete + tombstone + create
        assertThat(changes).hasSize(7);
        assertThat(after(changes.get(0)).getString("name")).isEqualTo("four");
        assertThat(snapshotMarker(changes.get(0))).isEqualTo("false");
        assertThat(after(changes.get(1)).getInt32("qty")).isEqualTo(11);
        // REPLICA IDENTITY DEFAULT: no old row for an update that keeps the key
        assertThat(before(changes.get(1))).isNull();
        Struct deletedBefore = before(changes.get(2));
        assertThat(deletedBefore.getInt32("id")).isEqualTo(2);
        assertThat(deletedBefore.getString("name")).isNull();
        assertThat(changes.get(3).value()).isNull();
        assertThat(((Struct) changes.get(3).key()).getInt32("id")).isEqualTo(2);
        assertThat(((Struct) changes.get(4).key()).getInt32("id")).isEqualTo(3);
        assertThat(((Struct) changes.get(6).key()).getInt32("id")).isEqualTo(30);
        assertThat(after(changes.get(6)).getString("name")).isEqualTo("three");
        Struct source = ((Struct) changes.get(0).value()).getStruct("source");
        assertThat(source.getString("db")).isEqualTo(db.name);
        assertThat(source.getString("table")).isEqualTo("items");
        assertThat(source.getInt64("lsn")).isPositive();
        assertThat(source.getInt64("txId")).isPositive();
    }

    @Test
    void truncateAndTombstonesFollowTheirOptions() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
        runner = new TaskRunner(db.config("snapshot.mode", "no_data", "skipped.operations", "none",
                "tombstones.on.delete", "false")).start();
        db.execute("INSERT INTO t VALUES (1), (2)", "DELETE FROM t WHERE id = 1", "TRUNCATE t");
        List<SourceRecord> records = runner.poll(4);
        assertThat(records).extracting(TaskRunner::op).containsExactly("c", "c", "d", "t");
        assertThat(records.get(3).key()).isNull();
        assertThat(runner.pollFor(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void transactionAcrossTwoTablesWithMetadata() throws Exception {
        db.execute("CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (id int PRIMARY KEY)");
        runner = new TaskRunner(db.config("snapshot.mode", "no_data", "provide.transaction.metadata", "true")).start();
        db.transaction("INSERT INTO a VALUES (1)", "INSERT INTO b VALUES (1)", "INSERT INTO a VALUES (2)");
        List<SourceRecord> records = runner.poll(5);
        assertThat(records).extracting(SourceRecord::topic).containsExactly("test.transaction", "test.public.a",
                "test.public.b", "test.public.a", "test.transaction");
        Struct begin = (Struct) records.get(0).value();
        Struct end = (Struct) records.get(4).value();
        assertThat(begin.getString("status")).isEqualTo("BEGIN");
        assertThat(end.getString("status")).isEqualTo("END");
        assertThat(end.getInt64("event_count")).isEqualTo(3L);
        String id = begin.getString("id");
        Struct block = ((Struct) records.get(3).value()).getStruct("transaction");
        assertThat(block.getString("id")).isEqualTo(id);
        assertThat(block.getInt64("total_order")).isEqualTo(3L);
        assertThat(block.getInt64("data_collection_order")).isEqualTo(2L);
        List<String> collections = end.getArray("data_collections").stream()
                .map(c -> ((Struct) c).getString("data_collection")).collect(Collectors.toList());
        assertThat(collections).containsExactly("public.a", "public.b");
    }

    @Test
    void aColumnAddedWhileStreamingAppearsInTheNextEvent() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, a text)");
        runner = new TaskRunner(db.config("snapshot.mode", "no_data")).start();
        db.execute("INSERT INTO t VALUES (1, 'x')");
        SourceRecord first = runner.poll(1).get(0);
        assertThat(after(first).schema().field("b")).isNull();
        db.execute("ALTER TABLE t ADD COLUMN b int", "INSERT INTO t VALUES (2, 'y', 5)");
        SourceRecord second = runner.poll(1).get(0);
        assertThat(after(second).getInt32("b")).isEqualTo(5);
        db.execute("ALTER TABLE t DROP COLUMN a", "INSERT INTO t VALUES (3, 7)");
        SourceRecord third = runner.poll(1).get(0);
        assertThat(after(third).schema().field("a")).isNull();
        assertThat(after(third).getInt32("b")).isEqualTo(7);
    }

    @Test
    void unchangedToastIsThePlaceholderUnderDefaultAndTheValueUnderFull() throws Exception {
        String big = "x".repeat(20_000) + "end";
        db.execute("CREATE TABLE d (id int PRIMARY KEY, big text, n int)",
                "ALTER TABLE d ALTER COLUMN big SET STORAGE EXTERNAL",
                "CREATE TABLE f (id int PRIMARY KEY, big text, n int)",
                "ALTER TABLE f ALTER COLUMN big SET STORAGE EXTERNAL",
                "ALTER TABLE f REPLICA IDENTITY FULL",
                "INSERT INTO d VALUES (1, '" + big + "', 0)", "INSERT INTO f VALUES (1, '" + big + "', 0)");
        runner = new TaskRunner(db.config("unavailable.value.placeholder", "__gone")).start();
        runner.commit(runner.poll(2));
        db.execute("UPDATE d SET n = 1", "UPDATE f SET n = 1");
        List<SourceRecord> updates = runner.poll(2);
        SourceRecord d = updates.get(0);
        SourceRecord f = updates.get(1);
        assertThat(after(d).getString("big")).isEqualTo("__gone");
        assertThat(after(d).getInt32("n")).isEqualTo(1);
        assertThat(after(f).getString("big")).isEqualTo(big);
        assertThat(before(f).getString("big")).isEqualTo(big);
        assertThat(before(f).getInt32("n")).isEqualTo(0);
    }

    @Test
    void quotedIdentifiersWithSpacesCapitalsAndQuotes() throws Exception {
        db.execute("CREATE SCHEMA \"My Schema\"",
                "CREATE TABLE \"My Schema\".\"Odd \"\"Table\"\"\" (\"Key Col\" int PRIMARY KEY, \"Value\"\"s\" text)",
                "INSERT INTO \"My Schema\".\"Odd \"\"Table\"\"\" VALUES (1, 'a')");
        runner = new TaskRunner(db.config("table.include.list", "My Schema\\.Odd \"Table\"",
                "publication.autocreate.mode", "filtered")).start();
        SourceRecord read = runner.poll(1).get(0);
        // Kafka allows no spaces or quotes in topic names: they become '_'; the source block keeps the real names.
        assertThat(read.topic()).isEqualTo("test.My_Schema.Odd__Table_");
        assertThat(((org.apache.kafka.connect.data.Struct) read.value()).getStruct("source").getString("table"))
                .isEqualTo("Odd \"Table\"");
        assertThat(after(read).getInt32("Key Col")).isEqualTo(1);
        assertThat(after(read).getString("Value\"s")).isEqualTo("a");
        db.execute("UPDATE \"My Schema\".\"Odd \"\"Table\"\"\" SET \"Value\"\"s\" = 'b'");
        SourceRecord update = runner.poll(1).get(0);
        assertThat(op(update)).isEqualTo("u");
        assertThat(after(update).getString("Value\"s")).isEqualTo("b");
    }
}
