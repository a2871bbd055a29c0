package dev.labelbench.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JSON over plain HTTP for the backends that call a server's API directly. Forces HTTP/1.1: the JDK client's default
 * h2c upgrade attempt breaks some plain-HTTP servers (and WireMock). Maps transport failures and error statuses to
 * {@link BackendException}s that name the URL and carry the server's own error text.
 */
public final class HttpJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
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
        try {
            HttpResponse<String> response = client.send(request(url, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw statusError(url, response.statusCode(), response.body());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new BackendException(url + ": the server answered HTTP " + response.statusCode()
                        + " with a body that is not JSON: " + abbreviate(response.body()), false, response.statusCode(), e);
            }
        } catch (IOException e) {
            throw transportError(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(url + ": interrupted", false, 0, e);
        }
    }

    /** Receives the lines of a streamed response (NDJSON or server-sent events), one at a time, as they arrive. */
    @FunctionalInterface
    public interface LineHandler {
        /** Returns false to stop reading (e.g. after an SSE {@code [DONE]}). */
        boolean line(String line) throws BackendException;
    }

    /**
     * POSTs {@code body} and hands the response to {@code handler} line by line (lines are reassembled however the
     * server chunked them). An error status is answered as a whole JSON error, as servers do before a stream starts.
     */
    public void streamLines(String url, Object body, LineHandler handler) throws BackendException {
        try {
            HttpResponse<Stream<String>> response = client.send(request(url, body), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() >= 400) {
                    throw statusError(url, response.statusCode(), lines.collect(Collectors.joining("\n")));
                }
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    if (!handler.line(it.next())) {
                        return;
                    }
                }
            } catch (UncheckedIOException e) {
                throw transportError(url, e.getCause());
            }
        } catch (IOException e) {
            throw transportError(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(url + ": interrupted", false, 0, e);
        }
    }

    private HttpRequest request(String url, Object body) throws BackendException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.readTimeout());
        } catch (IllegalArgumentException e) {
            throw new BackendException("'" + url + "' is not a valid URL: " + e.getMessage(), false, 0, e);
        }
        headers.forEach(request::header);
        if (body == null) {
            return request.GET().build();
        }
        try {
            return request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new BackendException(url + ": could not encode the request: " + e.getMessage(), false, 0, e);
        }
    }

    private BackendException transportError(String url, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new BackendException(url + ": no response within " + settings.readTimeout().toSeconds()
                    + " s (raise the read timeout for slow or cold models)", true, 0, e);
        }
        if (e instanceof ConnectException) {
            // The JDK's ConnectException usually has no message: say what it nearly always means.
            String why = e.getMessage() != null ? e.getMessage() : "connection refused or host unreachable";
            return new BackendException("cannot connect to " + url + " (" + why + "; is the server running?)", true, 0, e);
        }
        // Resets, early closes (llama-server closes the connection after every error response) and broken chunks.
        return new BackendException(url + ": connection failed: " + describe(e), true, 0, e);
    }

    static BackendException statusError(String url, int status, String body) {
        // 503 is "server busy" / "loading model"; 429 is a rate limit: both worth another try, as is any 5xx.
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new BackendException(url + ": HTTP " + status + ": " + serverMessage(body), retryable, status);
    }

    /**
     * The server's own error text: Ollama's flat {"error":"..."}, OpenAI/llama.cpp's {"error":{"message":...,"type":...}}
     * (the type is kept: {@code exceed_context_size_error} says more than "400").
     */
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
                String message = error.path("message").asText().strip();
                String type = error.path("type").asText("");
                return type.isEmpty() ? message : message + " (" + type + ")";
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return abbreviate(body);
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
