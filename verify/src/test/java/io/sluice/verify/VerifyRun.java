package io.sluice.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run of bin/verify's main class in the test's JVM: exit status, stdout, stderr. */
record VerifyRun(int status, String out, String err) {

    static VerifyRun of(String... args) {
        return of(Map.of(), args);
    }

    static VerifyRun of(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, environment);
        return new VerifyRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }

    /** The first table's keys of one kind ("missing", "extra") as texts of their first key column. */
    List<String> keys(String kind) throws IOException {
        List<String> keys = new ArrayList<>();
        for (JsonNode key : json().get("tables").get(0).get(kind).get("keys")) {
            keys.add(key.elements().next().asText());
        }
        return keys;
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
