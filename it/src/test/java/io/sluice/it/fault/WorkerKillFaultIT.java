package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.LocalStack;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the Connect worker at random moments, the first during the snapshot, the others while changes
 * stream, under a continuous workload: every committed change reaches the topic and the target ends equal. Short:
 * 2 kills, 10,000 + 10,000 rows; long: 10 kills, 50,000 + 50,000 rows, both directions.
 */
@ExtendWith(LocalStack.class)
class WorkerKillFaultIT {

    @Test
    void postgresToMariadbSurvivesTwoKills(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "kill2")) {
            killRepeatedly(stack, pipeline, "kill -9 x2, PostgreSQL -> MariaDB", 2, 10_000, 11);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true")
    void postgresToMariadbSurvivesTenKills(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "kill10")) {
            killRepeatedly(stack, pipeline, "kill -9 x10, PostgreSQL -> MariaDB", 10, 50_000, 12);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true")
    void mariadbToPostgresSurvivesTenKills(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.mariadbToPostgres(stack, "mykill10")) {
            killRepeatedly(stack, pipeline, "kill -9 x10, MariaDB -> PostgreSQL", 10, 50_000, 13);
        }
    }

    private static void killRepeatedly(LocalStack.Stack stack, FaultPipeline pipeline, String scenario, int kills,
            int seedRows, long seed) throws Exception {
        Random random = new Random(seed);
        try (Workload workload = pipeline.workload(seed, 5); TopicAudit audit = pipeline.audit(false)) {
            workload.createAndSeed(pipeline.sourceEngine(), seedRows);
            pipeline.start();
            // the first kill lands in the snapshot: as soon as its first rows are in Kafka
            while (audit.snapshotEvents() == 0) {
                audit.readFor(Duration.ofMillis(200));
            }
            workload.start();
            for (int kill = 0; kill < kills; kill++) {
                if (kill > 0) {
                    Thread.sleep(2_000 + random.nextInt(6_000));
                }
                stack.killWorker();
                Thread.sleep(random.nextInt(3_000));
                stack.restartWorker();
                pipeline.awaitRunning(Duration.ofSeconds(120));
            }
            workload.awaitMoreChanges(200);
            workload.stop();

            // Every kill in the snapshot adds a re-read of the tables to the topics: after ten, the audit parses over
            // a gigabyte of JSON with schemas, which took more than 4 minutes on 2 busy cores.
            TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(kills > 2 ? 15 : 4));
            TargetCheck.Verdict target = pipeline.verify(240);
            Figures.record(scenario, workload, topics, target);
            assertThat(topics.missing()).as("committed changes missing from the topics: " + topics).isEmpty();
            assertThat(target.equal()).as(target.toString()).isTrue();
        }
    }
}
