package io.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passwords through Kafka's FileConfigProvider (the worker has {@code config.providers=file}): the sink logs in
 * to MariaDB as a user of its own whose password exists only in a file, so rows landing prove the reference was
 * resolved; the password then appears in no config, task config, status or log line.
 */
@ExtendWith(LocalStack.class)
class FileSecretsFaultIT {

    private static final String USER = "it_fault_secret";
    private static final String PASSWORD = "Pw-file-7d3e91c4-never-log-me";

    @Test
    void passwordsFromAFileWorkAndAppearNowhere(LocalStack.Stack stack) throws Exception {
        Path secrets = Path.of(System.getProperty("sluice.root", "..")).toAbsolutePath().normalize()
                .resolve("it/target/secrets/fault-secrets.properties");
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "source.password=sluice\ntarget.password=" + PASSWORD + "\n");
        try (FaultPipeline pipeline = FaultPipeline.postgresToMariadb(stack, "secrets");
                Workload workload = pipeline.workload(81, 5);
                TopicAudit audit = pipeline.audit(false)) {
            try (Connection admin = Databases.mariadb("sluice")) {
                Databases.execute(admin, "DROP USER IF EXISTS '" + USER + "'@'%'",
                        "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                        "GRANT ALL PRIVILEGES ON `" + pipeline.targetDatabase() + "`.* TO '" + USER + "'@'%'");
            }
            pipeline.sourceConfig().put("database.password", "${file:" + secrets + ":source.password}");
            pipeline.sinkConfig().put("connection.username", USER);
            pipeline.sinkConfig().put("connection.password", "${file:" + secrets + ":target.password}");
            workload.createAndSeed(pipeline.sourceEngine(), 1_000);
            pipeline.start();
            workload.start();
            workload.awaitMoreChanges(300);
            workload.stop();

            TopicAudit.Result topics = audit.awaitAll(workload.changes().all(), Duration.ofMinutes(2));
            TargetCheck.Verdict verdict = pipeline.verify(180);
            Figures.record("passwords from FileConfigProvider, PostgreSQL -> MariaDB", workload, topics, verdict);
            assertThat(verdict.equal()).as(verdict.toString()).isTrue();

            for (String connector : new String[] {pipeline.sourceConnector(), pipeline.sinkConnector()}) {
                assertThat(pipeline.connect().config(connector).toString()).contains("${file:").doesNotContain(PASSWORD);
                assertThat(pipeline.connect().tasks(connector).toString()).doesNotContain(PASSWORD);
                assertThat(pipeline.connect().status(connector).toString()).doesNotContain(PASSWORD);
            }
        } finally {
            try (Connection admin = Databases.mariadb("sluice")) {
                Databases.execute(admin, "DROP USER IF EXISTS '" + USER + "'@'%'");
            }
        }
        assertThat(Files.readString(stack.workerLog())).as("worker log").doesNotContain(PASSWORD);
    }
}
