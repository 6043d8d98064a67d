package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import io.sluice.it.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A poison record: an account whose note is longer than the target's VARCHAR(40) column. With
 * errors.tolerance=all and a dead letter queue, it lands in the DLQ with headers naming the cause, and every
 * other change lands in the target.
 */
@ExtendWith(LocalStack.class)
class PoisonRecordFaultIT {

    @Test
    void aValueTheTargetRefusesGoesToTheDeadLetterQueueAndEverythingElseLands(LocalStack.Stack stack) throws Exception {
        String dlq = "fault_poison_dlq";
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "poison");
                Workload workload = pipeline.workload(41, 5);
                TopicAudit audit = pipeline.audit(false)) {
            // the target's note column is narrower than the source's text
            try (Connection target = pipeline.openTarget()) {
                Databases.execute(target,
                        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(100) NOT NULL, balance DECIMAL(14,2)"
                                + " NOT NULL, version INT NOT NULL, note VARCHAR(40))");
            }
            Map<String, String> sink = pipeline.sinkConfig();
            sink.put("errors.tolerance", "all");
            sink.put("errors.deadletterqueue.topic.name", dlq);
            sink.put("errors.deadletterqueue.topic.replication.factor", "1");
            sink.put("errors.deadletterqueue.context.headers.enable", "true");
            workload.createAndSeed(pipeline.sourceEngine(), 2_000);
            pipeline.start();
            workload.start();
            workload.awaitMoreChanges(300);
            workload.stop();
            long poison = workload.insertAccountWithNote("this note is far too long for the target's forty characters");
            Figures.step("poison record: account " + poison);
            workload.start();
            workload.awaitMoreChanges(300);
            workload.stop();

            List<ConsumerRecord<byte[], byte[]>> dead;
            try (TopicReader reader = new TopicReader(stack.bootstrapServers(), dlq, false)) {
                dead = reader.read(1, Duration.ofSeconds(120));
                dead.addAll(reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(10)));
            }
            assertThat(dead).as("records in the DLQ").hasSize(1);
            Map<String, String> headers = headers(dead.get(0));
            assertThat(TopicReader.payload(dead.get(0).key()).path("id").asLong()).isEqualTo(poison);
            assertThat(headers.get("__connect.errors.topic")).isEqualTo(pipeline.topic("accounts"));
            assertThat(headers.get("__connect.errors.exception.message")).as("the cause, in the DLQ headers: " + headers)
                    .containsIgnoringCase("too long");
            Figures.step("DLQ headers: " + headers);

            // every other change landed: with the poison row gone from the source too, the tables are equal
            TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
            try (Connection target = pipeline.openTarget()) {
                assertThat(Databases.count(target, "SELECT count(*) FROM accounts WHERE id = " + poison)).isZero();
            }
            try (Connection source = pipeline.openSource()) {
                Databases.execute(source, "DELETE FROM accounts WHERE id = " + poison);
            }
            TargetCheck.Verdict verdict = pipeline.verify(180);
            Figures.record("poison record to the DLQ, PostgreSQL -> MariaDB", workload, topics, verdict);
            assertThat(topics.missing()).as(topics.toString()).isEmpty();
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();
            pipeline.awaitRunning(Duration.ofSeconds(10));
        }
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
