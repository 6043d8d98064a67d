package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static io.sluice.cdc.postgres.TaskRunner.snapshotMarker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parallel snapshot, partitioned tables, chosen key and column filters, connector-defined transactions. */
class CaptureOptionsIT {

    private TestDatabase db;
    private TaskRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("options");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) {
            runner.close();
        }
        db.close();
    }

    @Test
    void tablesAreSnapshottedInParallelWithOneFirstAndOneLast() throws Exception {
        for (String t : List.of("a", "b", "c")) {
            db.execute("CREATE TABLE " + t + " (id int PRIMARY KEY)",
                    "INSERT INTO " + t + " SELECT generate_series(1, 500)");
        }
        runner = new TaskRunner(db.config("snapshot.max.threads", "2")).start();
        List<SourceRecord> records = runner.poll(1500);
        assertThat(records).hasSize(1500);
        Map<String, Long> perTopic = records.stream().collect(Collectors.groupingBy(SourceRecord::topic,
                Collectors.counting()));
        assertThat(perTopic).containsEntry("test.public.a", 500L).containsEntry("test.public.b", 500L)
                .containsEntry("test.public.c", 500L);
        assertThat(records.stream().map(TaskRunner::snapshotMarker).filter(m -> !m.equals("true")))
                .containsExactly("first", "last");
        assertThat(snapshotMarker(records.get(0))).isEqualTo("first");
        assertThat(snapshotMarker(records.get(1499))).isEqualTo("last");
    }

    @Test
    void aPartitionedTableIsCapturedUnderItsRoot() throws Exception {
        db.execute("CREATE TABLE m (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
                "CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu')",
                "CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us')",
                "INSERT INTO m VALUES (1, 'eu'), (2, 'us')");
        runner = new TaskRunner(db.config()).start();
        List<SourceRecord> snapshot = runner.poll(2);
        assertThat(snapshot).extracting(SourceRecord::topic).containsOnly("test.public.m");
        runner.commit(snapshot);
        db.execute("INSERT INTO m VALUES (3, 'us')");
        SourceRecord change = runner.poll(1).get(0);
        assertThat(change.topic()).isEqualTo("test.public.m");
        assertThat(((Struct) change.key()).getString("region")).isEqualTo("us");
    }

    @Test
    void messageKeyColumnsAndColumnFiltersShapeTheEvents() throws Exception {
        db.execute("CREATE TABLE k (code text NOT NULL, secret text, v int)",
                "ALTER TABLE k REPLICA IDENTITY FULL", "INSERT INTO k VALUES ('x', 's', 1)");
        runner = new TaskRunner(db.config("message.key.columns", "public\\.k:code",
                "column.exclude.list", "public\\.k\\.secret")).start();
        SourceRecord read = runner.poll(1).get(0);
        assertThat(((Struct) read.key()).getString("code")).isEqualTo("x");
        assertThat(after(read).schema().field("secret")).isNull();
        runner.commit(List.of(read));
        db.execute("UPDATE k SET v = 2");
        SourceRecord update = runner.poll(1).get(0);
        assertThat(((Struct) update.key()).getString("code")).isEqualTo("x");
        assertThat(after(update).getInt32("v")).isEqualTo(2);
        assertThat(after(update).schema().field("secret")).isNull();
    }

    @Test
    void withConnectorDefinedBoundariesEachDatabaseTransactionIsCommittedAtItsLastRecord() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
        List<SourceRecord> commitPoints = new ArrayList<>();
        TransactionContext transactions = new TransactionContext() {
            @Override
            public void commitTransaction() {
            }

            @Override
            public void commitTransaction(SourceRecord record) {
                commitPoints.add(record);
            }

            @Override
            public void abortTransaction() {
            }

            @Override
            public void abortTransaction(SourceRecord record) {
            }
        };
        runner = new TaskRunner(db.config("snapshot.mode", "no_data")).withTransactionContext(transactions).start();
        db.transaction("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
        db.transaction("INSERT INTO t VALUES (3)");
        runner.poll(3);
        assertThat(commitPoints).extracting(r -> after(r).getInt32("id")).containsExactly(2, 3);
    }
}
