package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.LocalStack;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source connector deleted and re-created under a running workload. With the same name (and slot) it resumes
 * from its stored offsets: no second snapshot, and the changes made while it was gone arrive from the slot. With
 * a new slot name its stored offsets no longer match a slot: it fails naming snapshot.mode=when_needed, and with
 * that mode it snapshots again and the target ends equal.
 */
@ExtendWith(LocalStack.class)
class ConnectorRecreateFaultIT {

    @Test
    void recreatedWithTheSameNameResumesAndWithANewSlotSnapshotsAgain(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "recreate");
                Workload workload = pipeline.workload(51, 5);
                TopicAudit audit = pipeline.audit(false)) {
            workload.createAndSeed(pipeline.sourceEngine(), 3_000);
            pipeline.start();
            // the snapshot is not the point here: it ends before the workload starts
            int snapshotEvents = audit.awaitSnapshotEvents(6_000, Duration.ofMinutes(2));
            assertThat(snapshotEvents).as("the first snapshot's events").isEqualTo(6_000);
            workload.start();
            workload.awaitMoreChanges(300);

            Figures.step("deleting the source connector; the workload goes on");
            pipeline.connect().deleteConnector(pipeline.sourceConnector());
            workload.awaitMoreChanges(200);
            pipeline.startSource();
            Figures.step("re-created with the same name");
            workload.awaitMoreChanges(300);
            workload.stop();
            TopicAudit.Result resumed = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
            assertThat(resumed.missing()).as(resumed.toString()).isEmpty();
            assertThat(audit.snapshotEvents()).as("snapshot events after re-creating with the same name")
                    .isEqualTo(snapshotEvents);
            TargetCheck.Verdict verdict = pipeline.verify(180);
            Figures.record("connector deleted and re-created, same name, PostgreSQL -> MariaDB", workload, resumed, verdict);
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();

            // a new slot name: the stored offsets belong to the old slot
            pipeline.connect().deleteConnector(pipeline.sourceConnector());
            Map<String, String> config = pipeline.sourceConfig();
            config.put("slot.name", pipeline.sourceDatabase() + "_new");
            pipeline.connect().putConnector(pipeline.sourceConnector(), config);
            String trace = pipeline.connect().awaitTaskFailure(pipeline.sourceConnector(), Duration.ofSeconds(90));
            Figures.step("new slot, stored offsets: " + trace.lines().findFirst().orElse(""));
            assertThat(trace).contains(pipeline.sourceDatabase() + "_new").contains("does not exist")
                    .contains("snapshot.mode=when_needed");
            pipeline.connect().deleteConnector(pipeline.sourceConnector());
            config.put("snapshot.mode", "when_needed");
            long liveRows;
            try (Connection source = pipeline.openSource()) {
                liveRows = io.sluice.it.Databases.count(source,
                        "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM transfers)");
            }
            pipeline.startSource();
            workload.start();
            workload.awaitMoreChanges(300);
            workload.stop();
            TopicAudit.Result again = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
            assertThat(again.missing()).as(again.toString()).isEmpty();
            // every row once more, but those the workload deleted before the snapshot read them
            assertThat(audit.snapshotEvents() - snapshotEvents).as("rows of the second snapshot")
                    .isGreaterThanOrEqualTo((int) liveRows - 300);
            TargetCheck.Verdict second = pipeline.verify(180);
            Figures.record("re-created with a new slot name (when_needed), PostgreSQL -> MariaDB", workload, again, second);
            assertThat(second.equal()).as(second.toString()).isTrue();
        }
    }
}
