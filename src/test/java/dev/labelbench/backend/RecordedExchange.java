package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.labelbench.SharedFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One recorded HTTP exchange from {@code ../shared/fixtures}: a llama-server {@code .http} file (curl -i output:
 * status line, headers, blank line, body) with its request in {@code requests/NAME.json}, or an Ollama {@code .json}
 * case ({@code {"request":..., "response":{"status","headers","body"}}}). Served by WireMock exactly as recorded.
 */
record RecordedExchange(int status, Map<String, String> headers, String body, String requestBody) {

    /** Headers WireMock must compute itself (the body is served whole, or re-chunked by a dribble delay). */
    private static final java.util.Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "keep-alive");

    static RecordedExchange llamaServer(String name) {
        Path file = SharedFiles.require("fixtures/llama-server/" + name + ".http");
        Path request = file.resolveSibling("requests").resolve(name + ".json");
        try {
            String raw = Files.readString(file, StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, split);
            String body = raw.substring(split + 4);
            int curlNote = body.indexOf("[curl:");
            if (curlNote >= 0) {
                body = body.substring(0, curlNote);
            }
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
            String requestBody = Files.exists(request) ? Files.readString(request, StandardCharsets.UTF_8) : null;
            return new RecordedExchange(status, headers, body, requestBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordedExchange ollama(String name) {
        Path file = SharedFiles.require("fixtures/ollama/" + name + ".json");
        try {
            JsonNode root = HttpJsonClient.json().readTree(file.toFile());
            JsonNode response = root.path("response");
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            int status = response.path("status").isInt() ? response.path("status").asInt() : 0;
            JsonNode request = root.path("request").path("body");
            return new RecordedExchange(status, headers, response.path("body").asText(),
                    request.isMissingNode() || request.isNull() ? null : request.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same exchange with a status where the recording had none (a body pasted into an issue). */
    RecordedExchange withStatus(int newStatus) {
        return new RecordedExchange(newStatus, headers, body, requestBody);
    }

    ResponseDefinitionBuilder response() {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body);
        headers.forEach((name, value) -> {
            if (!FRAMING.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("Date")) {
                response.withHeader(name, value);
            }
        });
        return response;
    }

    /** The stream delivered in {@code chunks} pieces cut at byte offsets, so lines arrive split. */
    ResponseDefinitionBuilder dribbled(int chunks) {
        return response().withChunkedDribbleDelay(chunks, 60);
    }

    /** Every field of the recorded request is sent with the same value (numbers compared as numbers). */
    void assertSentAsRecorded(JsonNode sent, String... ignored) throws Exception {
        JsonNode expected = HttpJsonClient.json().readTree(requestBody);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (List.of(ignored).contains(field.getKey())) {
                continue;
            }
            JsonNode actual = sent.path(field.getKey());
            if (field.getValue().isNumber()) {
                assertEquals(field.getValue().asDouble(), actual.asDouble(Double.NaN), field.getKey());
            } else {
                assertEquals(field.getValue(), actual, field.getKey());
            }
        }
    }
}
