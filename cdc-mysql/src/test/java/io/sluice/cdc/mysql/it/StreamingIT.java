package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inserts, updates and deletes streamed from the binlog, and restarts at every kind of position. */
class StreamingIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws Exception {
        db = new TestDatabase("stream");
        db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50), score INT)");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    private Map<String, String> config(long serverId) {
        Map<String, String> config = TaskHarness.config("it", db.name(), serverId);
        config.put("snapshot.mode", "no_data");
        config.put("include.schema.changes", "false");
        return config;
    }

    @Test
    void insertsUpdatesDeletesAndTombstones() throws Exception {
        String topic = "it.cdc_my_stream.customers";
        try (TaskHarness task = new TaskHarness(config(5501)).start()) {
            db.execute("INSERT INTO customers VALUES (1, 'Ann', 10), (2, 'Bob', 20)");
            db.execute("UPDATE customers SET score = 11 WHERE id = 1");
            db.execute("DELETE FROM customers WHERE id = 2");
            db.execute("UPDATE customers SET id = 3 WHERE id = 1");
            List<SourceRecord> records = task.take(8, topic);

            assertThat(op(records.get(0))).isEqualTo("c");
            assertThat(after(records.get(0)).getInt32("id")).isEqualTo(1);
            assertThat(after(records.get(0)).getString("name")).isEqualTo("Ann");
            assertThat(((Struct) records.get(0).key()).getInt32("id")).isEqualTo(1);
            assertThat(op(records.get(1))).isEqualTo("c");

            assertThat(op(records.get(2))).isEqualTo("u");
            assertThat(before(records.get(2)).getInt32("score")).isEqualTo(10);
            assertThat(after(records.get(2)).getInt32("score")).isEqualTo(11);

            assertThat(op(records.get(3))).isEqualTo("d");
            assertThat(before(records.get(3)).getInt32("id")).isEqualTo(2);
            assertThat(records.get(4).value()).as("tombstone").isNull();
            assertThat(((Struct) records.get(4).key()).getInt32("id")).isEqualTo(2);

            // A primary key change is a delete of the old key (with tombstone) and a create of the new one.
            assertThat(op(records.get(5))).isEqualTo("d");
            assertThat(before(records.get(5)).getInt32("id")).isEqualTo(1);
            assertThat(records.get(6).value()).isNull();
            assertThat(op(records.get(7))).isEqualTo("c");
            assertThat(after(records.get(7)).getInt32("id")).isEqualTo(3);

            Struct source = ((Struct) records.get(0).value()).getStruct("source");
            assertThat(source.getString("connector")).isEqualTo("mysql");
            assertThat(source.getString("db")).isEqualTo("cdc_my_stream");
            assertThat(source.getString("table")).isEqualTo("customers");
            assertThat(source.getString("snapshot")).isEqualTo("false");
            assertThat(source.getString("file")).startsWith("mysql-bin.");
            assertThat(source.getString("gtid")).matches("\\d+-\\d+-\\d+");
        }
    }

    @Test
    void restartInTheMiddleOfAMultiRowEventResumesWithoutLossOrDuplicate() throws Exception {
        String topic = "it.cdc_my_stream.customers";
        Map<String, String> config = config(5502);
        config.put("tombstones.on.delete", "false");
        StringBuilder insert = new StringBuilder("INSERT INTO customers VALUES ");
        for (int i = 1; i <= 100; i++) {
            insert.append(i == 1 ? "" : ",").append("(").append(i).append(", 'n").append(i).append("', ").append(i)
                    .append(")");
        }
        TaskHarness task = new TaskHarness(config).start();
        try {
            db.transaction(insert.toString(), "UPDATE customers SET score = score + 1000 WHERE id <= 50");
            List<SourceRecord> first = task.take(37, topic);
            assertThat(ids(first)).containsExactlyElementsOf(range(1, 37));
            task.stop();

            task.start();
            List<SourceRecord> rest = task.take(63 + 50, topic);
            assertThat(ids(rest.subList(0, 63))).containsExactlyElementsOf(range(38, 100));
            assertThat(rest.subList(63, 113)).allMatch(r -> op(r).equals("u"));
            assertThat(ids(rest.subList(63, 113))).containsExactlyElementsOf(range(1, 50));
            task.stop();

            // Restart after the whole transaction: nothing is repeated.
            task.start();
            db.execute("INSERT INTO customers VALUES (500, 'late', 0)");
            List<SourceRecord> after = task.take(1, topic);
            assertThat(ids(after)).containsExactly(500);
        } finally {
            task.close();
        }
    }

    @Test
    void restartBetweenUpdateRecordsOfOneRowRepeatsOnlyThatRow() throws Exception {
        String topic = "it.cdc_my_stream.customers";
        TaskHarness task = new TaskHarness(config(5503)).start();
        try {
            db.execute("INSERT INTO customers VALUES (1, 'a', 1), (2, 'b', 2)");
            task.take(2, topic);
            db.execute("UPDATE customers SET id = id + 10");
            // Delete, tombstone, create per row: stop after the first row's delete.
            List<SourceRecord> first = task.take(1, topic);
            assertThat(op(first.get(0))).isEqualTo("d");
            task.stop();
            task.start();
            List<SourceRecord> rest = task.take(6, topic);
            assertThat(op(rest.get(0))).isEqualTo("d");
            assertThat(rest.get(1).value()).isNull();
            assertThat(op(rest.get(2))).isEqualTo("c");
            assertThat(after(rest.get(2)).getInt32("id")).isEqualTo(11);
            assertThat(after(rest.get(5)).getInt32("id")).isEqualTo(12);
        } finally {
            task.close();
        }
    }

    @Test
    void transactionMetadataFramesEachTransaction() throws Exception {
        Map<String, String> config = config(5504);
        config.put("provide.transaction.metadata", "true");
        try (TaskHarness task = new TaskHarness(config).start()) {
            db.transaction("INSERT INTO customers VALUES (1, 'a', 1)", "INSERT INTO customers VALUES (2, 'b', 2)");
            List<SourceRecord> records = task.take(4, r -> r.topic().startsWith("it."));
            assertThat(records).extracting(SourceRecord::topic).containsExactly("it.transaction",
                    "it.cdc_my_stream.customers", "it.cdc_my_stream.customers", "it.transaction");
            Struct begin = (Struct) records.get(0).value();
            assertThat(begin.getString("status")).isEqualTo("BEGIN");
            String id = begin.getString("id");
            assertThat(id).matches("\\d+-\\d+-\\d+");
            Struct block = ((Struct) records.get(2).value()).getStruct("transaction");
            assertThat(block.getString("id")).isEqualTo(id);
            assertThat(block.getInt64("total_order")).isEqualTo(2L);
            assertThat(block.getInt64("data_collection_order")).isEqualTo(2L);
            Struct end = (Struct) records.get(3).value();
            assertThat(end.getString("status")).isEqualTo("END");
            assertThat(end.getInt64("event_count")).isEqualTo(2L);
            assertThat(end.getArray("data_collections")).hasSize(1);
        }
    }

    @Test
    void heartbeatsCarryThePositionWhileOnlyOtherTablesChange() throws Exception {
        db.execute("CREATE TABLE other (id INT PRIMARY KEY)");
        Map<String, String> config = config(5505);
        config.put("table.include.list", db.name() + "\\.customers");
        config.put("heartbeat.interval.ms", "100");
        try (TaskHarness task = new TaskHarness(config).start()) {
            db.execute("INSERT INTO customers VALUES (1, 'a', 1)");
            SourceRecord change = task.take(1, "it.cdc_my_stream.customers").get(0);
            Thread.sleep(200);
            db.execute("INSERT INTO other VALUES (1)");
            SourceRecord heartbeat = task.take(1, "__debezium-heartbeat.it").get(0);
            assertThat(((Struct) heartbeat.key()).getString("serverName")).isEqualTo("it");
            assertThat((Long) heartbeat.sourceOffset().get("pos"))
                    .isGreaterThan((Long) change.sourceOffset().get("pos"));
            assertThat(heartbeat.sourceOffset()).doesNotContainKeys("event", "row");
        }
    }

    @Test
    void aDroppedBinlogConnectionReconnectsWithoutLossOrDuplicate() throws Exception {
        Map<String, String> config = config(5506);
        config.put("max.queue.size", "1");
        config.put("max.batch.size", "1");
        try (TaskHarness task = new TaskHarness(config).start()) {
            String[] statements = new String[3];
            for (int s = 0; s < 3; s++) {
                StringBuilder insert = new StringBuilder("INSERT INTO customers VALUES ");
                for (int i = 1; i <= 50; i++) {
                    int id = s * 50 + i;
                    insert.append(i == 1 ? "" : ",").append("(").append(id).append(", 'n', ").append(id).append(")");
                }
                statements[s] = insert.toString();
            }
            db.transaction(statements);
            List<SourceRecord> first = task.take(60, "it.cdc_my_stream.customers");
            // Cut the binlog connection while the reader waits on the full queue.
            long connectionId = (Long) java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("io.sluice.cdc.mysql:type=streaming,server=\"it\""),
                    "BinlogConnectionId");
            db.execute("KILL CONNECTION " + connectionId);
            List<SourceRecord> rest = task.take(90, "it.cdc_my_stream.customers");
            assertThat(ids(first)).containsExactlyElementsOf(range(1, 60));
            assertThat(ids(rest)).containsExactlyElementsOf(range(61, 150));
        }
    }

    static String op(SourceRecord record) {
        return ((Struct) record.value()).getString("op");
    }

    static Struct after(SourceRecord record) {
        return ((Struct) record.value()).getStruct("after");
    }

    static Struct before(SourceRecord record) {
        return ((Struct) record.value()).getStruct("before");
    }

    static List<Integer> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.key()).getInt32("id")).toList();
    }

    static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
