package io.sluice.it.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.verify.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bin/verify's own command, called in-process: compares the source and target tables of a pipeline with
 * {@code --wait-for-lag} and returns its JSON report.
 */
public final class TargetCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetCheck() {
    }

    /** bin/verify's verdict: status 0 equal, 1 different, 2 error; the JSON report; stderr for the error. */
    public record Verdict(int status, JsonNode report, String errors) {

        public boolean equal() {
            return status == VerifyCommand.EQUAL;
        }

        /** Rows compared (source side) over all tables. */
        public long sourceRows() {
            long rows = 0;
            for (JsonNode table : report.path("tables")) {
                rows += table.path("sourceRows").asLong();
            }
            return rows;
        }

        /** Keys missing in the target over all tables, as text like {@code accounts id=17}. */
        public List<String> missingKeys() {
            List<String> keys = new ArrayList<>();
            for (JsonNode table : report.path("tables")) {
                for (JsonNode key : table.path("missing").path("keys")) {
                    keys.add(table.path("source").asText() + " id=" + key.path("id").asText());
                }
            }
            return keys;
        }

        @Override
        public String toString() {
            return "verify status " + status + (errors.isBlank() ? "" : " (" + errors.strip() + ")") + ": " + report;
        }
    }

    public static Verdict compare(String sourceUrl, String targetUrl, List<String> tables, int timeoutSeconds) {
        List<String> args = new ArrayList<>(List.of("--source", sourceUrl, "--source-user", "sluice", "--target", targetUrl,
                "--target-user", "sluice", "--wait-for-lag", "--timeout", String.valueOf(timeoutSeconds), "--json",
                "--no-progress"));
        for (String table : tables) {
            args.add("--table");
            args.add(table);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args.toArray(String[]::new), Map.of("SLUICE_VERIFY_SOURCE_PASSWORD", "sluice",
                        "SLUICE_VERIFY_TARGET_PASSWORD", "sluice"));
        String report = out.toString(StandardCharsets.UTF_8);
        try {
            return new Verdict(status, report.isBlank() ? JSON.createObjectNode() : JSON.readTree(report),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
