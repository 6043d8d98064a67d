package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.it.ConnectClient;
import io.sluice.it.LocalStack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two workers in one Connect group (bin/stack up-worker 2); the one running the source task is killed with
 * kill -9. The group gives its tasks to the survivor, which continues from the stored offsets.
 */
@ExtendWith(LocalStack.class)
class WorkerGroupFaultIT {

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true") // about 100 s: over the short run's budget
    void tasksOfAKilledWorkerMoveToTheOtherWorkerAndContinue(LocalStack.Stack stack) throws Exception {
        ConnectClient second = stack.startSecondWorker();
        boolean firstKilled = false;
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "group");
                Workload workload = pipeline.workload(71, 5);
                TopicAudit audit = pipeline.audit(false)) {
            try {
                workload.createAndSeed(pipeline.sourceEngine(), 3_000);
                pipeline.start();
                workload.start();
                workload.awaitMoreChanges(300);

                String victim = stack.connect().status(pipeline.sourceConnector()).path("tasks").get(0)
                        .path("worker_id").asText();
                Figures.step("killing the worker of the source task: " + victim);
                ConnectClient survivor;
                String survivorId;
                if (victim.equals(stack.workerId())) {
                    stack.killWorker();
                    firstKilled = true;
                    survivor = second;
                    survivorId = stack.secondWorkerId();
                } else {
                    stack.killSecondWorker();
                    survivor = stack.connect();
                    survivorId = stack.workerId();
                }
                awaitTasksOn(survivor, pipeline.sourceConnector(), survivorId, Duration.ofMinutes(2));
                awaitTasksOn(survivor, pipeline.sinkConnector(), survivorId, Duration.ofMinutes(2));
                Figures.step("both tasks run on " + survivorId);
                workload.awaitMoreChanges(300);
                workload.stop();

                TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
                TargetCheck.Verdict verdict = pipeline.verify(180);
                Figures.record("two workers, the source task's worker killed, PostgreSQL -> MariaDB", workload, topics,
                        verdict);
                assertThat(topics.missing()).as(topics.toString()).isEmpty();
                assertThat(verdict.equal()).as(verdict.toString()).isTrue();
            } finally {
                if (firstKilled) {
                    stack.restartWorker();
                }
            }
        } finally {
            stack.stopSecondWorker();
        }
    }

    /** Waits until every task of the connector is RUNNING on the given worker. */
    private static void awaitTasksOn(ConnectClient connect, String connector, String workerId, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = connect.status(connector);
            boolean moved = status.path("tasks").size() > 0;
            for (JsonNode task : status.path("tasks")) {
                moved &= "RUNNING".equals(task.path("state").asText()) && workerId.equals(task.path("worker_id").asText());
            }
            if (moved) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("tasks of " + connector + " not RUNNING on " + workerId + " after " + timeout + ": " + status);
    }
}
