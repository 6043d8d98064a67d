package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source's stored position disappears while the connector is stopped and changes go on: an administrator
 * drops the replication slot (PostgreSQL) or purges the binlog past it (MariaDB). The task fails with a message
 * naming the remedy; re-created with snapshot.mode=when_needed it snapshots again and the target ends equal.
 *
 * <p>The workload does not delete while the position is lost: a new snapshot cannot carry a delete the stream
 * lost (the row is simply not read), so the target would keep such rows. docs/reliability.md says so.
 */
@ExtendWith(LocalStack.class)
class PositionLossFaultIT {

    @Test
    void droppedReplicationSlotFailsClearlyThenWhenNeededSnapshotsAgain(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "slotdrop")) {
            loseThePosition(pipeline, "replication slot dropped, when_needed re-snapshot, PostgreSQL -> MariaDB",
                    () -> dropSlot(pipeline.sourceDatabase()), "does not exist", true);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true") // about 160 s each: over the short budget
    void purgedBinlogFailsClearly(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.mariadbToPostgres(stack, "purge")) {
            loseThePosition(pipeline, "binlog purged past the position, MariaDB -> PostgreSQL",
                    PositionLossFaultIT::purgeBinlogs, "purged", false);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sluice.long", matches = "true")
    void purgedBinlogThenWhenNeededSnapshotsAgain(LocalStack.Stack stack) throws Exception {
        try (FaultPipeline pipeline = FaultPipeline.mariadbToPostgres(stack, "purge2")) {
            loseThePosition(pipeline, "binlog purged past the position, when_needed re-snapshot, MariaDB -> PostgreSQL",
                    PositionLossFaultIT::purgeBinlogs, "purged", true);
        }
    }

    private interface Loss {
        void run() throws Exception;
    }

    /** @param resnapshot whether to go on with snapshot.mode=when_needed after the failure */
    private static void loseThePosition(FaultPipeline pipeline, String scenario, Loss loss, String symptom,
            boolean resnapshot) throws Exception {
        try (Workload workload = pipeline.workload(61, 5); TopicAudit audit = pipeline.audit(false)) {
            workload.createAndSeed(pipeline.sourceEngine(), 3_000);
            pipeline.start();
            assertThat(audit.awaitSnapshotEvents(6_000, Duration.ofMinutes(2))).isEqualTo(6_000);
            workload.start();
            workload.awaitMoreChanges(300);
            // from here on no deletes (see above), and the stream has caught up before the connector stops: what
            // the source committed after its last stored offset is lost with the slot or binlog
            workload.deletes(false);
            workload.awaitMoreChanges(10); // past a transaction that chose to delete before the switch
            Set<String> beforeTheGap = workload.changes().all();
            TopicAudit.Result caughtUp = audit.awaitAll(beforeTheGap, Duration.ofMinutes(2));
            assertThat(caughtUp.missing()).as(caughtUp.toString()).isEmpty();

            pipeline.connect().stopConnector(pipeline.sourceConnector());
            pipeline.connect().awaitState(pipeline.sourceConnector(), "STOPPED", Duration.ofSeconds(60));
            workload.awaitMoreChanges(200);
            Figures.step("losing the stored position");
            loss.run();
            workload.awaitMoreChanges(100);

            pipeline.connect().resumeConnector(pipeline.sourceConnector());
            String trace = pipeline.connect().awaitTaskFailure(pipeline.sourceConnector(), Duration.ofSeconds(90));
            Figures.step("task failure: " + trace.lines().findFirst().orElse(""));
            assertThat(trace.lines().findFirst().orElse("")).contains(symptom).contains("snapshot.mode=when_needed");
            if (!resnapshot) {
                workload.stop();
                return;
            }

            pipeline.connect().deleteConnector(pipeline.sourceConnector());
            pipeline.sourceConfig().put("snapshot.mode", "when_needed");
            int snapshotEvents = audit.snapshotEvents();
            pipeline.startSource();
            // may be lost to the stream: everything from the moment the stream had caught up until the new
            // snapshot started (its slot or binlog position is taken before its first row is read)
            audit.awaitSnapshotEvents(snapshotEvents + 1, Duration.ofMinutes(1));
            Set<String> lostToTheStream = new HashSet<>(workload.changes().all());
            lostToTheStream.removeAll(beforeTheGap);
            workload.deletes(true);
            workload.awaitMoreChanges(300);
            workload.stop();

            // streamed: everything but the gap; the gap's changes come back as the new snapshot's rows
            Set<String> streamed = new HashSet<>(workload.changes().all());
            streamed.removeAll(lostToTheStream);
            TopicAudit.Result topics = audit.awaitAll(streamed, Duration.ofMinutes(2));
            TopicAudit.Result last = audit.awaitAllIncludingSnapshots(workload.changes().lastChanges(), Duration.ofMinutes(1));
            TargetCheck.Verdict verdict = pipeline.verify(180);
            Figures.record(scenario, workload, topics, verdict);
            assertThat(topics.missing()).as(topics.toString()).isEmpty();
            assertThat(last.missing()).as("last change of each row, snapshots included: " + last).isEmpty();
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();
        }
    }

    private static void dropSlot(String slot) throws SQLException, InterruptedException {
        try (Connection admin = Databases.postgres("sluice");
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = ? AND active");
                PreparedStatement drop = admin.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            terminate.setString(1, slot);
            terminate.execute();
            drop.setString(1, slot);
            for (int attempt = 0; ; attempt++) {
                try {
                    drop.execute();
                    return;
                } catch (SQLException stillActive) {
                    if (attempt > 40) {
                        throw stillActive;
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /**
     * FLUSH BINARY LOGS, then PURGE BINARY LOGS TO the new current file: the stopped connector's file is gone.
     * MariaDB skips, with only a warning, a file a binlog dump thread still has open, and the stopped connector's
     * dump thread can outlive its client by a moment: so the purge is repeated until only the current file is left.
     */
    private static void purgeBinlogs() throws SQLException, InterruptedException {
        try (Connection admin = Databases.mariadb("sluice"); var sql = admin.createStatement()) {
            sql.execute("FLUSH BINARY LOGS");
            String current;
            try (ResultSet status = sql.executeQuery("SHOW MASTER STATUS")) {
                status.next();
                current = status.getString(1);
            }
            String oldest = null;
            for (int attempt = 0; attempt < 60 && !current.equals(oldest); attempt++) {
                if (attempt > 0) {
                    Thread.sleep(500);
                }
                sql.execute("PURGE BINARY LOGS TO '" + current + "'");
                try (ResultSet logs = sql.executeQuery("SHOW BINARY LOGS")) {
                    logs.next();
                    oldest = logs.getString(1);
                }
            }
            Figures.step("binlogs purged up to " + current + "; oldest left: " + oldest);
            assertThat(oldest).as("the oldest binlog after purging").isEqualTo(current);
        }
    }
}
