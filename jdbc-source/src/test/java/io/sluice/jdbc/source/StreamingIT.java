package io.sluice.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.source.TestDatabase.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task streams: after the first batch of a large table the server is still sending the rest of the result,
 * which it could not be if the driver had loaded the whole table into memory. MariaDB shows this in its process
 * list (the SELECT is still running); the whole table is then copied over many polls.
 */
class StreamingIT {

    private static final int ROWS = 300_000;

    @Test
    void mariadbKeepsTheCursorOpenAcrossPolls() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB, "stream")) {
            db.execute("CREATE TABLE wide (id BIGINT NOT NULL PRIMARY KEY, filler VARCHAR(200) NOT NULL)",
                    "INSERT INTO wide SELECT seq, REPEAT('x', 200) FROM seq_1_to_" + ROWS);
            Map<String, String> config = db.sourceConfig();
            config.put("mode", "bulk");
            config.put("batch.max.rows", "100");
            config.put("poll.interval.ms", "3600000");
            try (TaskRun run = TaskRun.ofConnector(config, new OffsetStore())) {
                assertThat(run.pollUntil(1, Duration.ofSeconds(15))).hasSize(100);
                assertThat(runningSelects(db)).as("the server is still sending the table").isNotEmpty();

                long copied = 100;
                while (copied < ROWS) {
                    copied += run.pollOnce().size();
                }
                assertThat(copied).isEqualTo(ROWS);
            }
        }
    }

    private static List<String> runningSelects(TestDatabase db) throws Exception {
        List<String> running = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COMMAND, INFO FROM information_schema.PROCESSLIST "
                        + "WHERE DB = '" + db.name + "' AND INFO LIKE 'SELECT * FROM `" + db.name + "`.`wide`%'")) {
            while (result.next()) {
                running.add(result.getString(1) + ": " + result.getString(2));
            }
        }
        return running;
    }
}
