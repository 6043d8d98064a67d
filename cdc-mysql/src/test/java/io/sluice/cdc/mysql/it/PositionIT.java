package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Binlog rotation, resuming by GTID or by file and position, and a purged position. */
class PositionIT {

    private static final String TOPIC = "pos.cdc_my_pos.t";
    private static final Map<String, String> PARTITION = Map.of("server", "pos");

    private TestDatabase db;

    @BeforeEach
    void createTable() throws Exception {
        db = new TestDatabase("pos");
        db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterEach
    void dropTable() throws Exception {
        db.close();
    }

    private Map<String, String> config(long serverId) {
        Map<String, String> config = TaskHarness.config("pos", db.name(), serverId);
        config.put("snapshot.mode", "no_data");
        config.put("include.schema.changes", "false");
        return config;
    }

    @Test
    void followsRotationAndResumesAfterIt() throws Exception {
        TaskHarness task = new TaskHarness(config(5540)).start();
        try {
            db.execute("INSERT INTO t VALUES (1)");
            SourceRecord before = task.take(1, TOPIC).get(0);
            db.execute("FLUSH BINARY LOGS", "INSERT INTO t VALUES (2)");
            SourceRecord after = task.take(1, TOPIC).get(0);
            assertThat(after.sourceOffset().get("file")).isNotEqualTo(before.sourceOffset().get("file"));
            task.stop();
            db.execute("INSERT INTO t VALUES (3)");
            task.start();
            assertThat(StreamingIT.ids(task.take(1, TOPIC))).containsExactly(3);
        } finally {
            task.close();
        }
    }

    @Test
    void resumesByFileAndPositionWhenTheOffsetHasNoGtids() throws Exception {
        String file = db.queryString("SELECT 1 FROM DUAL") != null ? masterFile() : null;
        long position = masterPosition();
        db.execute("INSERT INTO t VALUES (1), (2)");
        TaskHarness task = new TaskHarness(config(5541));
        task.seedOffset(PARTITION, Map.of("file", file, "pos", position));
        try {
            task.start();
            assertThat(StreamingIT.ids(task.take(2, TOPIC))).containsExactly(1, 2);
        } finally {
            task.close();
        }
    }

    @Test
    void resumesByGtidEvenWhenTheFileNameIsUnknown() throws Exception {
        String gtids = db.queryString("SELECT @@gtid_binlog_pos");
        db.execute("INSERT INTO t VALUES (7)");
        TaskHarness task = new TaskHarness(config(5542));
        // As after a failover to a replica whose binlog files are named differently.
        task.seedOffset(PARTITION, Map.of("file", "elsewhere-bin.000042", "pos", 4L, "gtids", gtids));
        try {
            task.start();
            List<SourceRecord> records = task.take(1, TOPIC);
            assertThat(StreamingIT.ids(records)).containsExactly(7);
        } finally {
            task.close();
        }
    }

    @Test
    void aPurgedPositionFailsClearlyOrTakesANewSnapshotWhenNeeded() throws Exception {
        Map<String, Object> purged = new HashMap<>();
        purged.put("file", "mysql-bin.000000");
        purged.put("pos", 4L);
        TaskHarness failing = new TaskHarness(config(5543));
        failing.seedOffset(PARTITION, purged);
        assertThatThrownBy(failing::start).isInstanceOf(ConnectException.class).hasMessageContaining("purged");
        failing.close();

        db.execute("INSERT INTO t VALUES (1)");
        Map<String, String> config = config(5544);
        config.put("snapshot.mode", "when_needed");
        try (TaskHarness task = new TaskHarness(config)) {
            task.seedOffset(PARTITION, purged);
            task.start();
            SourceRecord read = task.take(1, TOPIC).get(0);
            assertThat(StreamingIT.op(read)).isEqualTo("r");
        }
    }

    @Test
    void aGtidPositionPurgedWhileStoppedFailsNamingTheRemediesOrTakesANewSnapshotWhenNeeded() throws Exception {
        Map<String, ?> stored;
        try (TaskHarness task = new TaskHarness(config(5545)).start()) {
            db.execute("INSERT INTO t VALUES (1)");
            task.take(1, TOPIC);
            stored = task.committed().get(PARTITION);
        }
        assertThat(stored.get("gtids")).as("MariaDB resumes by GTID").isNotNull();
        // While the connector is stopped: a change, then its binlog is purged.
        db.execute("INSERT INTO t VALUES (2)", "FLUSH BINARY LOGS");
        String current = status(1);
        // MariaDB keeps a file until its binlog checkpoint is written (crash recovery): try again for a while.
        for (int attempt = 0; attempt < 50 && binlogFiles().contains((String) stored.get("file")); attempt++) {
            db.execute("PURGE BINARY LOGS TO '" + current + "'");
            Thread.sleep(100);
        }
        assertThat(binlogFiles()).as("binlog files after the purge").doesNotContain((String) stored.get("file"));

        Map<String, String> initial = config(5546);
        initial.put("snapshot.mode", "initial");
        try (TaskHarness failing = new TaskHarness(initial)) {
            failing.seedOffset(PARTITION, stored);
            assertThatThrownBy(failing::start).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("purged")
                    .hasMessageContaining("snapshot.mode=when_needed")
                    .hasMessageContaining("delete the connector's offsets");
        }

        Map<String, String> whenNeeded = config(5547);
        whenNeeded.put("snapshot.mode", "when_needed");
        try (TaskHarness task = new TaskHarness(whenNeeded)) {
            task.seedOffset(PARTITION, stored);
            task.start();
            List<SourceRecord> snapshot = task.take(2, TOPIC);
            assertThat(snapshot).extracting(StreamingIT::op).containsOnly("r");
            assertThat(StreamingIT.ids(snapshot)).containsExactlyInAnyOrder(1, 2);
            db.execute("INSERT INTO t VALUES (3)");
            SourceRecord streamed = task.take(1, TOPIC).get(0);
            assertThat(StreamingIT.op(streamed)).isEqualTo("c");
            assertThat(StreamingIT.ids(List.of(streamed))).containsExactly(3);
        }
    }

    private List<String> binlogFiles() throws Exception {
        List<String> files = new java.util.ArrayList<>();
        try (var statement = db.connection().createStatement();
                var rows = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rows.next()) {
                files.add(rows.getString(1));
            }
        }
        return files;
    }

    private String masterFile() throws Exception {
        return db.queryString("SELECT 1") == null ? null : status(1);
    }

    private long masterPosition() throws Exception {
        return Long.parseLong(status(2));
    }

    private String status(int column) throws Exception {
        try (var statement = db.connection().createStatement();
                var rows = statement.executeQuery("SHOW MASTER STATUS")) {
            rows.next();
            return rows.getString(column);
        }
    }
}
