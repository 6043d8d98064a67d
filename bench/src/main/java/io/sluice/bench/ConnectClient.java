package io.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The worker's REST API: create, inspect and delete connectors. */
final class ConnectClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ConnectClient(String base) { this.base = base; }

    /** Creates (or replaces) the connector; a rejected config fails with the worker's own message. */
    void create(String name, Map<String, String> config) {
        HttpResponse<String> r = send("PUT", "/connectors/" + name + "/config", toJson(config));
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new BenchFailure("worker rejected connector " + name + " (HTTP " + r.statusCode() + "): " + message(r.body()));
        }
    }

    void delete(String name) {
        HttpResponse<String> r = send("DELETE", "/connectors/" + name, null);
        if (r.statusCode() == 404) return;
        if (r.statusCode() / 100 != 2) {
            throw new BenchFailure("deleting connector " + name + " failed (HTTP " + r.statusCode() + "): " + message(r.body()));
        }
        for (int i = 0; i < 120; i++) {
            if (send("GET", "/connectors/" + name, null).statusCode() == 404) return;
            sleep(250);
        }
        throw new BenchFailure("connector " + name + " still listed 30 s after DELETE");
    }

    /** Stops the connector and its tasks (Connect's STOPPED state: offsets are committed, nothing runs). */
    void stop(String name) {
        HttpResponse<String> r = send("PUT", "/connectors/" + name + "/stop", null);
        if (r.statusCode() / 100 != 2) {
            throw new BenchFailure("stopping connector " + name + " failed (HTTP " + r.statusCode() + "): " + message(r.body()));
        }
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            String states = states(name);
            if (states.startsWith("connector STOPPED") && states.contains("no tasks")) return;
            sleep(200);
        }
        throw new BenchFailure("connector " + name + " not stopped 60 s after PUT /stop (" + states(name) + ")");
    }

    /** Resumes a stopped or paused connector; its tasks start again from their committed offsets. */
    void resume(String name) {
        HttpResponse<String> r = send("PUT", "/connectors/" + name + "/resume", null);
        if (r.statusCode() / 100 != 2) {
            throw new BenchFailure("resuming connector " + name + " failed (HTTP " + r.statusCode() + "): " + message(r.body()));
        }
    }

    /** Names of the connectors the worker runs. */
    java.util.List<String> names() {
        HttpResponse<String> r = send("GET", "/connectors", null);
        if (r.statusCode() != 200) throw new BenchFailure("listing connectors failed (HTTP " + r.statusCode() + ")");
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            JSON.readTree(r.body()).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new BenchFailure("unreadable connector list: " + r.body());
        }
    }

    boolean pluginInstalled(String connectorClass) {
        HttpResponse<String> r = send("GET", "/connector-plugins?connectorsOnly=false", null);
        return r.body().contains("\"" + connectorClass + "\"");
    }

    /** Empty when connector and tasks run; otherwise what failed, with the first line of its trace. */
    String failure(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + name + "/status", null);
        if (r.statusCode() != 200) return "status unavailable (HTTP " + r.statusCode() + "): " + message(r.body());
        try {
            JsonNode s = JSON.readTree(r.body());
            JsonNode c = s.path("connector");
            if ("FAILED".equals(c.path("state").asText())) return "connector FAILED: " + firstLines(c.path("trace").asText());
            for (JsonNode t : s.path("tasks")) {
                if ("FAILED".equals(t.path("state").asText())) {
                    return "task " + t.path("id").asText() + " FAILED: " + firstLines(t.path("trace").asText());
                }
            }
            return "";
        } catch (IOException e) {
            return "unreadable status: " + r.body();
        }
    }

    /** Short description of connector and task states, for progress and stall messages. */
    String states(String name) {
        HttpResponse<String> r = send("GET", "/connectors/" + name + "/status", null);
        if (r.statusCode() != 200) return "HTTP " + r.statusCode();
        try {
            JsonNode s = JSON.readTree(r.body());
            StringBuilder sb = new StringBuilder("connector " + s.path("connector").path("state").asText());
            for (JsonNode t : s.path("tasks")) sb.append(", task ").append(t.path("id").asText()).append(' ').append(t.path("state").asText());
            if (s.path("tasks").isEmpty()) sb.append(", no tasks");
            return sb.toString();
        } catch (IOException e) {
            return "unreadable status";
        }
    }

    /** Waits until the connector has a RUNNING task; fails early when it or a task FAILED. */
    void awaitRunning(String name, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            String f = failure(name);
            if (!f.isEmpty() && !f.startsWith("status unavailable")) throw new BenchFailure(f);
            if (states(name).contains("task 0 RUNNING")) return;
            sleep(200);
        }
        throw new BenchFailure("connector " + name + " has no running task after " + timeout.toSeconds() + " s (" + states(name) + ")");
    }

    private static String firstLines(String trace) {
        // The first line names the exception; a "Caused by" further down usually says why.
        String[] lines = trace.split("\n");
        StringBuilder sb = new StringBuilder(lines[0].trim());
        for (String l : lines) {
            if (l.startsWith("Caused by:")) { sb.append(" / ").append(l.trim()); }
        }
        String s = sb.toString();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.has("message")) return n.get("message").asText();
        } catch (IOException ignored) {
            // not JSON: the body itself is the message
        }
        return body.length() > 500 ? body.substring(0, 500) : body;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchFailure("worker REST call " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
