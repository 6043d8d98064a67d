package io.sluice.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio Registry at
 * {@code /apis/ccompat/v7}, Karapace and Redpanda). Schemas are cached both ways (id → schema and
 * subject + schema → id), so a running converter talks to the registry once per new schema.
 *
 * <p>Several base URLs may be given: a request goes to the URL that answered last and fails over to the next
 * when a URL cannot be reached or answers 5xx. When none answers, a {@link RetriableException} names them all.
 * Registry refusals (4xx) are {@link DataException}s naming the subject and the registry's reason.
 */
public class RegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A schema as registered under a subject. */
    public record SubjectSchema(String subject, int version, int id, String schema) {
    }

    private final List<String> urls;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private volatile int preferred;

    /**
     * @param urls          base URLs, e.g. {@code http://registry:8081} or {@code http://apicurio:8080/apis/ccompat/v7}
     * @param authorization the value of the Authorization header ({@code Basic ...} or {@code Bearer ...}), or null
     * @param sslContext    TLS settings for https URLs, or null for the JVM defaults
     */
    public RegistryClient(List<String> urls, String authorization, SSLContext sslContext, Duration connectTimeout,
            Duration requestTimeout) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is needed");
        }
        List<String> trimmed = new ArrayList<>(urls.size());
        for (String url : urls) {
            trimmed.add(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        this.urls = List.copyOf(trimmed);
        this.authorization = authorization;
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its id. */
    public int register(String subject, String schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema), subject);
        int id = response.path("id").asInt();
        remember(subject, schema, id);
        return id;
    }

    /** The id of {@code schema} if it is registered under {@code subject}; a DataException if it is not. */
    public int lookup(String subject, String schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject), body(schema), subject);
        int id = response.path("id").asInt();
        remember(subject, schema, id);
        return id;
    }

    /** The schema text of an id. */
    public String schemaById(int id) {
        String cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null, "schema id " + id);
        String schema = response.path("schema").asText();
        schemasById.put(id, schema);
        return schema;
    }

    /** The latest version registered under a subject (not cached: it changes as schemas evolve). */
    public SubjectSchema latest(String subject) {
        JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject);
        SubjectSchema latest = new SubjectSchema(subject, response.path("version").asInt(), response.path("id").asInt(),
                response.path("schema").asText());
        schemasById.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }

    /** The version numbers registered under a subject. */
    public List<Integer> versions(String subject) {
        JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions", null, subject);
        List<Integer> versions = new ArrayList<>();
        response.forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /** Whether {@code schema} is compatible with the latest version of {@code subject} under its rules. */
    public boolean isCompatible(String subject, String schema) {
        JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                body(schema), subject);
        return response.path("is_compatible").asBoolean();
    }

    /** Sets the compatibility level of a subject (BACKWARD, FORWARD, FULL, NONE, and the _TRANSITIVE ones). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString(), subject);
    }

    /** The compatibility level of a subject, or the registry's global one when the subject has none. */
    public String compatibility(String subject) {
        JsonNode response;
        try {
            response = send("GET", "/config/" + encode(subject), null, subject);
        } catch (RegistryRefusal e) {
            if (e.status != 404) {
                throw e;
            }
            response = send("GET", "/config", null, "global config");
        }
        JsonNode level = response.has("compatibilityLevel") ? response.get("compatibilityLevel")
                : response.path("compatibility");
        return level.asText();
    }

    private Integer cachedId(String subject, String schema) {
        Map<String, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, String schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String body(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends a request, failing over between URLs; returns the parsed JSON body of a 2xx answer. */
    private JsonNode send(String method, String path, String body, String what) {
        int start = preferred;
        List<String> failures = new ArrayList<>(urls.size());
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (start + attempt) % urls.size();
            String url = urls.get(index) + path;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                failures.add(url + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("Interrupted while calling the schema registry at " + url, e);
            }
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(url + " (HTTP " + status + ": " + reason(response.body()) + ")");
                continue;
            }
            preferred = index;
            if (status >= 200 && status < 300) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new DataException("The schema registry at " + url + " answered with invalid JSON", e);
                }
            }
            throw refusal(status, response.body(), what, url);
        }
        throw new RetriableException("No schema registry answered for " + what + ": " + String.join("; ", failures));
    }

    private static RegistryRefusal refusal(int status, String body, String what, String url) {
        String reason = reason(body);
        String message;
        if (status == 409) {
            message = "The schema registry refused the schema for subject " + what + " as incompatible with its "
                    + "earlier versions (HTTP 409): " + reason;
        } else if (status == 401 || status == 403) {
            message = "The schema registry at " + url + " refused our credentials for " + what + " (HTTP " + status
                    + "): " + reason + "; check basic.auth.user.info or bearer.auth.token";
        } else if (status == 404) {
            message = "The schema registry has no " + what + " (HTTP 404): " + reason;
        } else if (status == 422) {
            message = "The schema registry rejected the schema for subject " + what + " as invalid (HTTP 422): " + reason;
        } else {
            message = "The schema registry at " + url + " refused the request for " + what + " (HTTP " + status
                    + "): " + reason;
        }
        return new RegistryRefusal(message, status);
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "no reason given";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("message")) {
                return node.get("message").asText()
                        + (node.has("error_code") ? " (error code " + node.get("error_code").asText() + ")" : "");
            }
        } catch (IOException e) {
            // Not JSON: the raw text is the best reason we have.
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** A registry's refusal of a request (4xx): not retriable, the same request would be refused again. */
    public static final class RegistryRefusal extends DataException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RegistryRefusal(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status of the refusal. */
        public int status() {
            return status;
        }
    }
}
