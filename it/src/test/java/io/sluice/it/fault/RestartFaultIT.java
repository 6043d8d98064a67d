package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.LocalStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts under a streaming pipeline and a running workload, one after the other: the source database, the
 * target database, the Kafka broker. The connectors ride them out without a restart from outside.
 */
@ExtendWith(LocalStack.class)
class RestartFaultIT {

    @Test
    void postgresToMariadbRidesOutRestartsOfSourceTargetAndBroker(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "restarts")) {
            restartEach(stack, pipeline, "restart source, target, broker; PostgreSQL -> MariaDB",
                    Servers::restartPostgres, Servers::restartMariadb);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true")
    void mariadbToPostgresRidesOutRestartsOfSourceTargetAndBroker(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.mariadbToPostgres(stack, "myrestarts")) {
            restartEach(stack, pipeline, "restart source, target, broker; MariaDB -> PostgreSQL",
                    Servers::restartMariadb, Servers::restartPostgres);
        }
    }

    private interface Restart {
        void run() throws Exception;
    }

    private static void restartEach(LocalStack.Stack stack, FaultPipeline pipeline, String scenario, Restart source,
            Restart target) throws Exception {
        try (Workload workload = pipeline.workload(21, 5); TopicAudit audit = pipeline.audit(false)) {
            workload.createAndSeed(pipeline.sourceEngine(), 5_000);
            pipeline.start();
            workload.start();
            workload.awaitMoreChanges(150);
            Figures.step("restarting the source database");
            source.run();
            workload.awaitMoreChanges(150);
            Figures.step("restarting the target database");
            target.run();
            workload.awaitMoreChanges(150);
            Figures.step("restarting the broker");
            stack.restartBroker();
            workload.awaitMoreChanges(150);
            workload.stop();
            Figures.step("workload stopped: " + workload.changes().size() + " changes, " + workload.failedCommits()
                    + " commits cut by a restart");

            TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(3));
            TargetCheck.Verdict verdict = pipeline.verify(240);
            Figures.record(scenario, workload, topics, verdict);
            assertThat(topics.missing()).as("committed changes missing from the topics: " + topics).isEmpty();
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();
            // nobody restarted a task: the connectors recovered by themselves
            pipeline.awaitRunning(Duration.ofSeconds(10));
        }
    }
}
