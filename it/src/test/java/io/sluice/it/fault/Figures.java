package io.sluice.it.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One line per scenario run in {@code it/target/reliability-figures.md}, the source of the table in
 * docs/reliability.md: changes driven, changes expected as stream events (all of them, but where a scenario
 * loses a stretch of stream on purpose), found in the topics, lost, duplicates, rows verify compared.
 */
final class Figures {

    private Figures() {
    }

    /** A step of a scenario on the test's output, so a slow or stuck run shows where it was. */
    static void step(String what) {
        System.out.println("[fault " + Instant.now() + "] " + what);
    }

    static void record(String scenario, Workload workload, TopicAudit.Result audit, TargetCheck.Verdict verdict) {
        String line = String.format("| %s | %d | %d | %d | %d | %d | %d | %s | %s |%n", scenario, workload.changes().size(),
                audit.driven(), audit.found(), audit.missingCount(), audit.duplicates(), verdict.sourceRows(),
                verdict.equal() ? "equal" : "DIFFERENT", Instant.now());
        System.out.print("[figures] " + line);
        Path file = Path.of(System.getProperty("sluice.root", "..")).toAbsolutePath().normalize()
                .resolve("it/target/reliability-figures.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
