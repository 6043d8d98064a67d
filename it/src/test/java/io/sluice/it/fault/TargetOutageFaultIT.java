package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import io.sluice.testing.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The target database refuses the sink's connections for 60 s (30 s in the short run) (a TCP proxy in front of it stops listening and
 * cuts the open connections) while changes keep coming: the sink retries, then catches up, and its task never
 * fails.
 */
@ExtendWith(LocalStack.class)
class TargetOutageFaultIT {

    /** 60 s in the long run; 30 s in the short one, which must stay within bin/test's time budget. */
    private static final Duration OUTAGE = Duration.ofSeconds(Boolean.getBoolean("sluice.long") ? 60 : 30);

    @Test
    void mariadbTargetRefusingConnectionsIsCaughtUp(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "outage");
                TcpProxy proxy = new TcpProxy(Databases.MARIADB_PORT)) {
            pipeline.sinkConfig().put("connection.url",
                    "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + pipeline.targetDatabase());
            outage(pipeline, proxy, "target refuses connections " + OUTAGE.toSeconds() + " s, PostgreSQL -> MariaDB");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true")
    void postgresTargetRefusingConnectionsFor60sIsCaughtUp(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.mariadbToPostgres(stack, "myoutage");
                TcpProxy proxy = new TcpProxy(Databases.POSTGRES_PORT)) {
            pipeline.sinkConfig().put("connection.url",
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + pipeline.targetDatabase());
            outage(pipeline, proxy, "target refuses connections " + OUTAGE.toSeconds() + " s, MariaDB -> PostgreSQL");
        }
    }

    private static void outage(FaultPipeline pipeline, TcpProxy proxy, String scenario) throws Exception {
        try (Workload workload = pipeline.workload(31, 5); TopicAudit audit = pipeline.audit(false)) {
            workload.createAndSeed(pipeline.sourceEngine(), 5_000);
            pipeline.start();
            workload.start();
            workload.awaitMoreChanges(300);
            Figures.step("the target refuses connections");
            proxy.refuse();
            Thread.sleep(OUTAGE.toMillis());
            // still retrying, not failed
            pipeline.connect().awaitRunning(pipeline.sinkConnector(), Duration.ofSeconds(5));
            proxy.accept();
            Figures.step("the target accepts connections again");
            workload.awaitMoreChanges(300);
            workload.stop();

            TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
            TargetCheck.Verdict verdict = pipeline.verify(300);
            Figures.record(scenario, workload, topics, verdict);
            assertThat(topics.missing()).as(topics.toString()).isEmpty();
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();
            pipeline.awaitRunning(Duration.ofSeconds(10));
        }
    }
}
