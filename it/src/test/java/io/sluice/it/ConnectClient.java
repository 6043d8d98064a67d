package io.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The Connect worker's REST API, as a data engineer would drive it with curl. */
public final class ConnectClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public JsonNode connectorPlugins() {
        return send("GET", "/connector-plugins", null, 200);
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}: the worker's answer with errors per field. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return send("PUT", "/connector-plugins/" + simpleName + "/config/validate", config, 200);
    }

    /** Creates or updates a connector ({@code PUT /connectors/{name}/config}). */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return send("PUT", "/connectors/" + encode(name) + "/config", config, -1);
    }

    public void deleteConnector(String name) {
        send("DELETE", "/connectors/" + encode(name), null, -1);
    }

    /** {@code PUT /connectors/{name}/stop}: the tasks stop, the config and offsets stay. */
    public void stopConnector(String name) {
        send("PUT", "/connectors/" + encode(name) + "/stop", null, -1);
    }

    /** {@code PUT /connectors/{name}/resume}: a stopped or paused connector starts its tasks again. */
    public void resumeConnector(String name) {
        send("PUT", "/connectors/" + encode(name) + "/resume", null, -1);
    }

    /** {@code GET /connectors/{name}/config}: the config as stored, with config provider references unresolved. */
    public JsonNode config(String name) {
        return send("GET", "/connectors/" + encode(name) + "/config", null, 200);
    }

    /** {@code GET /connectors/{name}/tasks}: the task configs as stored. */
    public JsonNode tasks(String name) {
        return send("GET", "/connectors/" + encode(name) + "/tasks", null, 200);
    }

    /** Waits until the connector's state is {@code state} with no task left (after {@link #stopConnector}). */
    public void awaitState(String name, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = status(name);
            if (state.equals(status.path("connector").path("state").asText()) && status.path("tasks").size() == 0) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("connector " + name + " not " + state + " after " + timeout + ": " + status);
    }

    /** Waits until a task of the connector FAILED and returns its trace (fails if none did within the timeout). */
    public String awaitTaskFailure(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = status(name);
            for (JsonNode task : status.path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    return task.path("trace").asText();
                }
            }
            sleep(250);
        }
        throw new AssertionError("no task of " + name + " FAILED within " + timeout + ": " + status);
    }

    public JsonNode status(String name) {
        return send("GET", "/connectors/" + encode(name) + "/status", null, -1);
    }

    /** Waits until the connector and all its tasks are RUNNING; fails fast, with the trace, on FAILED. */
    public JsonNode awaitRunning(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = status(name);
            if (status.has("connector")) {
                String connectorState = status.path("connector").path("state").asText();
                JsonNode tasks = status.path("tasks");
                boolean allRunning = "RUNNING".equals(connectorState) && tasks.size() > 0;
                for (JsonNode task : tasks) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new AssertionError("task of " + name + " FAILED: " + task.path("trace").asText());
                    }
                    allRunning &= "RUNNING".equals(task.path("state").asText());
                }
                if ("FAILED".equals(connectorState)) {
                    throw new AssertionError("connector " + name + " FAILED: " + status.path("connector").path("trace").asText());
                }
                if (allRunning) {
                    return status;
                }
            }
            sleep(250);
        }
        throw new AssertionError("connector " + name + " not RUNNING after " + timeout + ": " + status);
    }

    private JsonNode send(String method, String path, Object body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (expectedStatus > 0 && response.statusCode() != expectedStatus) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            if (expectedStatus < 0 && response.statusCode() >= 300 && response.statusCode() != 404) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
