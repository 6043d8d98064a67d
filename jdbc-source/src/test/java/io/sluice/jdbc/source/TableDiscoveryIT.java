package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import io.sluice.jdbc.source.config.JdbcSourceTaskConfig;
import io.sluice.jdbc.source.discovery.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tables found, spread over tasks, filtered, and re-checked while running. */
class TableDiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tablesAreSpreadOverTasksAndEachTaskCopiesItsOwn(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "spread")) {
            for (String table : List.of("alpha", "beta", "gamma")) {
                db.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY)",
                        "INSERT INTO " + table + " VALUES (1), (2)");
            }
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            try (ConnectorRun connector = new ConnectorRun(config)) {
                List<Map<String, String>> taskConfigs = connector.taskConfigs(2);
                assertThat(taskConfigs).hasSize(2);
                assertThat(tableNames(taskConfigs.get(0))).containsExactly("alpha", "gamma");
                assertThat(tableNames(taskConfigs.get(1))).containsExactly("beta");

                List<SourceRecord> records = new ArrayList<>();
                for (Map<String, String> taskConfig : taskConfigs) {
                    try (TaskRun task = new TaskRun(taskConfig, new OffsetStore())) {
                        records.addAll(task.pollUntil(tableNames(taskConfig).size() * 2, WAIT));
                    }
                }
                assertThat(records).extracting(SourceRecord::topic).containsExactlyInAnyOrder(
                        "src.alpha", "src.alpha", "src.beta", "src.beta", "src.gamma", "src.gamma");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTableCreatedOrDroppedWhileRunningReconfiguresTheTasks(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "appear")) {
            db.execute("CREATE TABLE first_table (id INT NOT NULL PRIMARY KEY)",
                    "CREATE TABLE second_table (id INT NOT NULL PRIMARY KEY)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "bulk");
            config.put("table.poll.interval.ms", "200");
            try (ConnectorRun connector = new ConnectorRun(config)) {
                assertThat(allTables(connector.taskConfigs(4))).containsExactly("first_table", "second_table");
                Thread.sleep(600);
                assertThat(connector.reconfigurations.get()).isZero();

                db.execute("CREATE TABLE third_table (id INT NOT NULL PRIMARY KEY)");
                awaitReconfigurations(connector, 1);
                assertThat(allTables(connector.taskConfigs(4)))
                        .containsExactly("first_table", "second_table", "third_table");

                db.execute("DROP TABLE first_table");
                awaitReconfigurations(connector, 2);
                assertThat(allTables(connector.taskConfigs(4))).containsExactly("second_table", "third_table");
                assertThat(connector.raised.get()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTaskWhoseTableIsDroppedKeepsCopyingItsOtherTables(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "dropped")) {
            db.execute("CREATE TABLE stays (id INT NOT NULL PRIMARY KEY)", "CREATE TABLE goes (id INT NOT NULL PRIMARY KEY)",
                    "INSERT INTO stays VALUES (1)", "INSERT INTO goes VALUES (1)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            try (TaskRun task = TaskRun.ofConnector(config, new OffsetStore())) {
                assertThat(task.pollUntil(2, WAIT)).hasSize(2);
                db.execute("DROP TABLE goes", "INSERT INTO stays VALUES (2)");
                List<SourceRecord> more = task.pollUntil(1, WAIT);
                assertThat(more).extracting(SourceRecord::topic).containsExactly("src.stays");
                assertThat(TaskRun.column(more, "id")).containsExactly(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void includeAndExcludeListsAndTheirAliasesFilterTables(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine, "filter")) {
            db.execute("CREATE TABLE keep_me (id INT NOT NULL)", "CREATE TABLE skip_me (id INT NOT NULL)",
                    "CREATE TABLE also_keep (id INT NOT NULL)");
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "bulk");
            config.put("table.whitelist", "keep_me," + (engine == Engine.POSTGRES ? "public." : db.name + ".")
                    + "also_keep");
            try (ConnectorRun connector = new ConnectorRun(config)) {
                assertThat(allTables(connector.taskConfigs(1))).containsExactly("also_keep", "keep_me");
            }
            config.remove("table.whitelist");
            config.put("table.exclude.list", "skip_me");
            try (ConnectorRun connector = new ConnectorRun(config)) {
                assertThat(allTables(connector.taskConfigs(1))).containsExactly("also_keep", "keep_me");
            }
        }
    }

    private static void awaitReconfigurations(ConnectorRun connector, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (connector.reconfigurations.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(connector.reconfigurations.get()).isEqualTo(count);
    }

    private static List<String> tableNames(Map<String, String> taskConfig) {
        return TableId.decodeAll(taskConfig.get(JdbcSourceTaskConfig.TABLES_CONFIG)).stream()
                .map(TableId::name).toList();
    }

    private static List<String> allTables(List<Map<String, String>> taskConfigs) {
        return taskConfigs.stream().flatMap(c -> tableNames(c).stream()).sorted().toList();
    }
}
