package dev.labelbench.backend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * JSON over plain HTTP for the backends that call a server's API directly. Forces HTTP/1.1: the JDK client's default
 * h2c upgrade attempt breaks some plain-HTTP servers (and WireMock). Maps transport failures and error statuses to
 * {@link BackendException}s that name the URL and carry the server's own error text.
 */
public final class HttpJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient client;
    private final BackendSettings settings;
    private final Map<String, String> headers;

    public HttpJsonClient(BackendSettings settings, Map<String, String> headers) {
        this.settings = settings;
        this.headers = Map.copyOf(headers);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public <T> T post(String url, Object body, Class<T> responseType) throws BackendException {
        return JSON.convertValue(send(url, body), responseType);
    }

    public <T> T get(String url, Class<T> responseType) throws BackendException {
        return JSON.convertValue(send(url, null), responseType);
    }

    /** Sends a GET (body null) or a POST of {@code body} as JSON and returns the parsed JSON response. */
    public JsonNode send(String url, Object body) throws BackendException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.readTimeout());
        headers.forEach(request::header);
        try {
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw statusError(url, response.statusCode(), response.body());
            }
            return JSON.readTree(response.body());
        } catch (HttpTimeoutException e) {
            throw new BackendException(url + ": no response within " + settings.readTimeout().toSeconds()
                    + " s (raise --timeout for slow or cold models)", true, 0, e);
        } catch (ConnectException e) {
            throw new BackendException("cannot connect to " + url + ": " + describe(e), true, 0, e);
        } catch (IOException e) {
            throw new BackendException(url + ": connection failed: " + describe(e), true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(url + ": interrupted", false, 0, e);
        }
    }

    static BackendException statusError(String url, int status, String body) {
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new BackendException(url + ": HTTP " + status + ": " + serverMessage(body), retryable, status);
    }

    /** The server's own error text: Ollama's flat {"error":"..."}, OpenAI/llama.cpp's {"error":{"message":...}}. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node.path("error");
            if (error.isTextual()) {
                return error.asText().strip();
            }
            if (error.path("message").isTextual()) {
                return error.path("message").asText().strip();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
