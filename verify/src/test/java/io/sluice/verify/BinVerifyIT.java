package io.sluice.verify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sluice.verify.TestDatabases.PASSWORD;
import static io.sluice.verify.TestDatabases.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** bin/verify itself, as a user runs it: the exit status comes through the script. Runs after package, so the jar exists. */
class BinVerifyIT {

    private static final String DATABASE = "verify_script";
    private static final Path SCRIPT = Path.of("..", "bin", "verify").toAbsolutePath().normalize();

    @BeforeAll
    static void createTables() throws Exception {
        TestDatabases.recreatePostgres(DATABASE);
        TestDatabases.recreateMariaDb(DATABASE);
        TestDatabases.postgres(DATABASE, "CREATE TABLE accounts (id int PRIMARY KEY, owner text)",
                "INSERT INTO accounts VALUES (1, 'Ada'), (2, 'Grace')");
        TestDatabases.mariaDb(DATABASE, "CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT)",
                "INSERT INTO accounts VALUES (1, 'Ada')");
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        TestDatabases.dropPostgres(DATABASE);
        TestDatabases.dropMariaDb(DATABASE);
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SLUICE_VERIFY_SOURCE_PASSWORD", PASSWORD);
        builder.environment().put("SLUICE_VERIFY_TARGET_PASSWORD", PASSWORD);
        Path out = Files.createTempFile("verify-out", ".txt");
        Path err = Files.createTempFile("verify-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/verify finished").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void exitStatusesComeThroughTheScript() throws Exception {
        assertThat(run("--help").status()).isEqualTo(0);

        Result bad = run("--table", "accounts");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).startsWith("verify: give --source, --target");

        Result different = run("--source", TestDatabases.postgresUrl(DATABASE), "--source-user", USER,
                "--target", TestDatabases.mariaDbUrl(DATABASE), "--target-user", USER, "--table", "accounts");
        assertThat(different.status()).as(different.err()).isEqualTo(1);
        assertThat(different.out()).contains("missing in target (1): id=2");
        assertThat(different.out() + different.err()).doesNotContain("password=").doesNotContain(PASSWORD + "@");
    }
}
