package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.ConnectClient;
import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dangerous identifiers end to end, cdc-postgres into MariaDB through jdbc-sink, compared by bin/verify: columns
 * with spaces, capitals, double quotes, a dot and a reserved word, in a table named by a capitalised reserved
 * word; and a table whose own name holds all of these.
 */
@ExtendWith(LocalStack.class)
class DangerousIdentifiersFaultIT {

    private static final String COLUMNS = "(\"Id\" bigint PRIMARY KEY, \"First Name\" text, \"a.b\" int, \"select\" text,"
            + " \"say \"\"hi\"\"\" text)";

    @Test
    void oddColumnNamesInATableNamedSelectReplicateEqual(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "columns")) {
            replicate(stack, pipeline, "Select", "\"Select\"", "public\\.Select");
        }
    }

    @Test
    void aTableNameWithSpacesQuotesDotsAndAReservedWordReplicatesEqual(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "tables")) {
            replicate(stack, pipeline, "Order \"Lines\".v2 Select", "\"Order \"\"Lines\"\".v2 Select\"", "public\\.Order.*");
        }
    }

    /** A name as bin/verify's --table reads it: in double quotes, doubled inside, when it holds a dot or a quote. */
    private static String quoted(String name) {
        return name.contains(".") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    /** bin/verify waits for rows, not for a table: wait until the sink created it. */
    private static void awaitTargetTable(FaultPipeline pipeline, String quoted, Duration timeout) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            try (Connection target = pipeline.openTarget()) {
                Databases.count(target, "SELECT count(*) FROM " + quoted);
                return;
            } catch (java.sql.SQLException notYet) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void replicate(LocalStack.Stack stack, FaultPipeline pipeline, String table, String quoted,
            String includeList) throws Exception {
        try (Connection source = pipeline.openSource()) {
            Databases.execute(source, "CREATE TABLE " + quoted + " " + COLUMNS,
                    "INSERT INTO " + quoted + " SELECT g, 'name ' || g, g, 'sel ' || g, 'hi \"' || g || '\"'"
                            + " FROM generate_series(1, 100) g");
        }
        pipeline.sourceConfig().put("table.include.list", includeList);
        pipeline.sinkConfig().remove("topics");
        pipeline.sinkConfig().put("topics.regex", pipeline.topic("") .replace(".", "\\.") + ".*");
        pipeline.sinkConfig().put("consumer.override.metadata.max.age.ms", "2000");
        ConnectClient connect = stack.connect();
        pipeline.start();
        try (Connection source = pipeline.openSource()) {
            Databases.execute(source,
                    "UPDATE " + quoted + " SET \"select\" = 'changed', \"a.b\" = NULL WHERE \"Id\" % 10 = 1",
                    "DELETE FROM " + quoted + " WHERE \"Id\" % 10 = 2",
                    "INSERT INTO " + quoted + " VALUES (1000, 'late', 7, 'sel', 'say')");
        }
        awaitTargetTable(pipeline, "`" + table.replace("`", "``") + "`", Duration.ofSeconds(60));
        TargetCheck.Verdict verdict = TargetCheck.compare(pipeline.sourceUrl(), pipeline.targetUrl(),
                List.of("public." + quoted(table) + ":" + pipeline.targetDatabase() + "." + quoted(table)), 120);
        Figures.step("identifiers: topic " + pipeline.topic(table) + ", " + verdict + ", source status "
                + connect.status(pipeline.sourceConnector()));
        assertThat(verdict.equal()).as(verdict.toString()).isTrue();
        assertThat(verdict.sourceRows()).isEqualTo(91);
        try (Connection target = pipeline.openTarget()) {
            assertThat(Databases.count(target, "SELECT count(*) FROM `" + table.replace("`", "``") + "` WHERE `select` = 'changed'"))
                    .isEqualTo(10);
        }
    }
}
