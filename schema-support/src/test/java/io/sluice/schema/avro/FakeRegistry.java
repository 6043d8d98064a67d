package io.sluice.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A small in-process stand-in for the Confluent registry API, for fast unit tests of the converter's HTTP side. */
final class FakeRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    final Set<String> incompatibleSubjects = new HashSet<>();
    final AtomicInteger requests = new AtomicInteger();
    volatile String lastAuthorization;
    volatile int failWithStatus;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (failWithStatus != 0) {
            reply(exchange, failWithStatus, "{\"error_code\":" + failWithStatus + ",\"message\":\"failing on purpose\"}");
            return;
        }
        String[] parts = path.split("/");
        if (method.equals("POST") && parts.length == 4 && parts[1].equals("subjects") && parts[3].equals("versions")) {
            String subject = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            String schema = schemaOf(exchange);
            if (incompatibleSubjects.contains(subject)) {
                reply(exchange, 409, "{\"error_code\":409,\"message\":\"reader type: STRING not compatible with writer type: INT\"}");
                return;
            }
            int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 100);
            schemasById.put(id, schema);
            List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
            if (!versions.contains(id)) {
                versions.add(id);
            }
            reply(exchange, 200, "{\"id\":" + id + "}");
        } else if (method.equals("POST") && parts.length == 3 && parts[1].equals("subjects")) {
            String subject = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            Integer id = idsBySchema.get(schemaOf(exchange));
            List<Integer> versions = subjects.getOrDefault(subject, List.of());
            if (id == null || !versions.contains(id)) {
                reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                return;
            }
            reply(exchange, 200, "{\"subject\":\"" + subject + "\",\"id\":" + id + ",\"version\":"
                    + (versions.indexOf(id) + 1) + "}");
        } else if (method.equals("GET") && parts.length == 4 && parts[1].equals("schemas") && parts[2].equals("ids")) {
            String schema = schemasById.get(Integer.parseInt(parts[3]));
            if (schema == null) {
                reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema " + parts[3] + " not found\"}");
                return;
            }
            reply(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
        } else if (method.equals("GET") && parts.length == 5 && parts[3].equals("versions") && parts[4].equals("latest")) {
            String subject = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            List<Integer> versions = subjects.get(subject);
            if (versions == null) {
                reply(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
                return;
            }
            int id = versions.get(versions.size() - 1);
            reply(exchange, 200, JSON.createObjectNode().put("subject", subject).put("version", versions.size())
                    .put("id", id).put("schema", schemasById.get(id)).toString());
        } else {
            reply(exchange, 404, "{\"error_code\":404,\"message\":\"no route " + method + " " + path + "\"}");
        }
    }

    /** Registers a schema directly, as another producer would have. */
    synchronized int preRegister(String subject, String schema) {
        int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 100);
        schemasById.put(id, schema);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    private static String schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return body.path("schema").asText();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
