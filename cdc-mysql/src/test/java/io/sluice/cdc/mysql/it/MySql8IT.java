package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Snapshot, streaming (with MySQL's binary JSON and GTID sets) and a restart on MySQL 8, in a container. Skipped,
 * and reported as skipped, when no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8IT {

    @Container
    private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.0")
            .withUsername("sluice").withPassword("sluice")
            .withCommand("--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
                    "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                    "--default-authentication-plugin=mysql_native_password");

    @Test
    void snapshotsStreamsAndResumesByGtidSet() throws Exception {
        try (var root = TestDatabase.connect(MYSQL.getHost(), MYSQL.getMappedPort(3306), "root", "sluice");
                var grant = root.createStatement()) {
            grant.execute("GRANT ALL PRIVILEGES ON *.* TO 'sluice'@'%'");
        }
        try (TestDatabase db = new TestDatabase("mysql8", TestDatabase.connect(MYSQL.getHost(),
                MYSQL.getMappedPort(3306), "sluice", "sluice"))) {
            db.execute("CREATE TABLE t (id BIGINT UNSIGNED PRIMARY KEY, j JSON, tm TIME(6), e ENUM('a','b'))");
            db.execute("INSERT INTO t VALUES (18446744073709551615, '{\"k\": [1, \"x\"]}', '-01:02:03.5', 'b')");
            Map<String, String> config = TaskHarness.config("m8", db.name(), 5580);
            config.put("database.hostname", MYSQL.getHost());
            config.put("database.port", Integer.toString(MYSQL.getMappedPort(3306)));
            config.put("bigint.unsigned.handling.mode", "precise");
            config.put("include.schema.changes", "false");
            TaskHarness task = new TaskHarness(config).start();
            try {
                Struct read = StreamingIT.after(task.take(1, "m8.cdc_my_mysql8.t").get(0));
                db.execute("INSERT INTO t VALUES (1, '{\"k\": [1, \"x\"]}', '-01:02:03.5', 'b')");
                Struct created = StreamingIT.after(task.take(1, "m8.cdc_my_mysql8.t").get(0));
                assertThat(read.get("id")).isEqualTo(new java.math.BigDecimal("18446744073709551615"));
                for (Struct row : List.of(read, created)) {
                    assertThat(row.getString("j").replace(" ", "")).isEqualTo("{\"k\":[1,\"x\"]}");
                    assertThat(row.get("tm")).isEqualTo(-(3723L * 1_000_000 + 500_000));
                    assertThat(row.get("e")).isEqualTo("b");
                }
                task.stop();
                db.execute("DELETE FROM t WHERE id = 1");
                task.start();
                SourceRecord delete = task.take(1, "m8.cdc_my_mysql8.t").get(0);
                assertThat(StreamingIT.op(delete)).isEqualTo("d");
                assertThat(delete.sourceOffset().get("gtids").toString()).contains(":");
            } finally {
                task.close();
            }
        }
    }
}
