package io.sluice.verify.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.verify.VerifyException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads connector names and configs from a Kafka Connect worker's REST API. */
public final class ConnectRestClient implements ConnectorConfigs {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public List<String> connectorNames() throws VerifyException {
        return MAPPER.convertValue(get("/connectors"), new TypeReference<List<String>>() { });
    }

    @Override
    public Map<String, String> config(String connector) throws VerifyException {
        return MAPPER.convertValue(get("/connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20")
                + "/config"), new TypeReference<Map<String, String>>() { });
    }

    private Object get(String path) throws VerifyException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new VerifyException("cannot reach the Connect REST API at " + baseUrl + ": " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new VerifyException("interrupted while calling the Connect REST API", interrupted);
        }
        if (response.statusCode() == 404) {
            throw new VerifyException("Connect at " + baseUrl + " answered 404 for " + path + " (no such connector?)");
        }
        if (response.statusCode() != 200) {
            throw new VerifyException("Connect at " + baseUrl + " answered " + response.statusCode() + " for " + path);
        }
        try {
            return MAPPER.readValue(response.body(), Object.class);
        } catch (IOException malformed) {
            throw new VerifyException("Connect at " + baseUrl + " answered " + path + " with something not JSON", malformed);
        }
    }
}
