package io.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** cdc-mysql deployed from its plugin archive on a real worker, reading MariaDB's binlog. */
@ExtendWith(LocalStack.class)
class MySqlCdcIT {

    private LocalStack.Stack stack;
    private String connector;

    @AfterEach
    void deleteConnector() {
        if (stack != null && connector != null) {
            stack.connect().deleteConnector(connector);
        }
    }

    static Map<String, String> sourceConfig(String database, String prefix, int serverId) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.sluice.cdc.mysql.MySqlSourceConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", Databases.HOST);
        config.put("database.port", String.valueOf(Databases.MARIADB_PORT));
        config.put("database.user", Databases.USER);
        config.put("database.password", Databases.PASSWORD);
        config.put("database.server.id", String.valueOf(serverId));
        config.put("database.include.list", database);
        config.put("topic.prefix", prefix);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    static void insertItems(Connection db, int from, int to, int perTransaction) throws Exception {
        for (int start = from; start <= to; start += perTransaction) {
            int end = Math.min(to, start + perTransaction - 1);
            Databases.execute(db, "INSERT INTO items (id, name, qty) SELECT seq, CONCAT('item ', seq), seq % 100"
                    + " FROM seq_" + start + "_to_" + end);
        }
    }

    @Test
    void snapshotAndStreamOf100000RowsArrive(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        String database = "it_my_rows";
        Databases.recreateMariadbDatabase(database);
        List<ChangeEvent> events = new ArrayList<>();
        try (Connection db = Databases.mariadb(database);
                TopicReader reader = new TopicReader(stack.bootstrapServers(), "myr." + database + ".items", false)) {
            Databases.execute(db, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT)");
            insertItems(db, 1, 50_000, 5_000);
            connector = database;
            stack.connect().putConnector(connector, sourceConfig(database, "myr", 6201));
            stack.connect().awaitRunning(connector, Duration.ofSeconds(60));
            // rows written while the snapshot starts may arrive as reads or as creates, each exactly once
            insertItems(db, 50_001, 90_000, 1_000);
            PostgresCdcIT.readUntilAllIds(reader, events, 90_000, Duration.ofMinutes(3));
            // rows written once every earlier row has arrived can only come from the binlog
            insertItems(db, 90_001, 100_000, 1_000);
            PostgresCdcIT.readUntilAllIds(reader, events, 100_000, Duration.ofMinutes(3));
            events.addAll(ChangeEvent.fromJson(reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(20))));
        }
        Map<Long, Long> counts = PostgresCdcIT.countById(events);
        assertThat(counts).hasSize(100_000);
        assertThat(counts.values()).allMatch(count -> count == 1);
        assertThat(events).filteredOn(e -> e.after().path("id").asLong() <= 50_000).allMatch(e -> e.op().equals("r"));
        ChangeEvent some = events.stream().filter(e -> e.after().path("id").asLong() == 97_777).findFirst().orElseThrow();
        assertThat(some.op()).isEqualTo("c");
        assertThat(some.after().path("name").asText()).isEqualTo("item 97777");
        assertThat(some.source().path("db").asText()).isEqualTo(database);
        assertThat(some.source().path("file").asText()).isNotEmpty();
    }

    @Test
    void workerKilledMidStreamAndMariadbRestartLoseNothing(LocalStack.Stack stack) throws Exception {
        this.stack = stack;
        String database = "it_my_kill";
        Databases.recreateMariadbDatabase(database);
        int total = 90_000;
        List<ChangeEvent> events = new ArrayList<>();
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), "myk." + database + ".items", false)) {
            try (Connection db = Databases.mariadb(database)) {
                Databases.execute(db, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT)");
                insertItems(db, 1, 10_000, 5_000);
                connector = database;
                stack.connect().putConnector(connector, sourceConfig(database, "myk", 6202));
                stack.connect().awaitRunning(connector, Duration.ofSeconds(60));
                insertItems(db, 10_001, 40_000, 500);
                // kill -9 once streaming is under way
                PostgresCdcIT.readUntilAllIds(reader, events, 20_000, Duration.ofMinutes(2));
                stack.killWorker();
                insertItems(db, 40_001, 60_000, 500);
                stack.restartWorker();
                stack.connect().awaitRunning(connector, Duration.ofSeconds(90));
            }
            // then restart MariaDB under the streaming connector
            PostgresCdcIT.readUntilAllIds(reader, events, 60_000, Duration.ofMinutes(3));
            restartMariadb();
            try (Connection db = Databases.mariadb(database)) {
                insertItems(db, 60_001, total, 500);
            }
            PostgresCdcIT.readUntilAllIds(reader, events, total, Duration.ofMinutes(4));
        }
        assertThat(PostgresCdcIT.countById(events)).hasSize(total);
    }

    /** Restarts the local MariaDB server the way bin/db starts it, and waits until it answers. */
    static void restartMariadb() throws Exception {
        run("mariadb-admin", "--protocol=socket", "shutdown");
        run("bash", "-c", "mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld && start-stop-daemon --start"
                + " --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql");
        for (int i = 0; i < 120; i++) {
            try (Connection ignored = Databases.mariadb("sluice")) {
                return;
            } catch (java.sql.SQLException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("MariaDB did not come back within 60 s");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
