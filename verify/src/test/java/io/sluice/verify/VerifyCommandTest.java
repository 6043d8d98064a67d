package io.sluice.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    @Test
    void helpExitsZeroWithTheUsage() {
        VerifyRun run = VerifyRun.of("--help");

        assertThat(run.status()).isEqualTo(VerifyCommand.EQUAL);
        assertThat(run.out()).contains("usage: bin/verify").contains("Exit status: 0 equal, 1 different, 2 error");
    }

    @Test
    void badArgumentsExitTwoWithOneLineNamingTheCause() {
        VerifyRun run = VerifyRun.of("--source", "jdbc:postgresql://db/a", "--chunk-size", "lots");

        assertThat(run.status()).isEqualTo(VerifyCommand.ERROR);
        assertThat(run.err()).startsWith("verify: --chunk-size expects a whole number, got 'lots'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnsupportedDatabaseIsAnError() {
        VerifyRun run = VerifyRun.of("--source", "jdbc:oracle:thin:@db:1521/x", "--target", "jdbc:postgresql://db/a",
                "--table", "t", "--source-password", "never-shown");

        assertThat(run.status()).isEqualTo(VerifyCommand.ERROR);
        assertThat(run.err()).contains("unsupported JDBC URL").doesNotContain("never-shown");
    }
}
