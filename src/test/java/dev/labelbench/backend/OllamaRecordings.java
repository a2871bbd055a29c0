package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.SharedFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Response bodies taken from the real Ollama exchanges in {@code ../shared/fixtures/ollama/}, so stubs answer exactly
 * as a real server does (field order, timings, content types); tests change only the reply text.
 */
public final class OllamaRecordings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OllamaRecordings() {
    }

    /** The recorded exchange in {@code fixtures/ollama/<name>.json}; skips the test when ../shared is absent. */
    public static JsonNode exchange(String name) {
        Path file = SharedFiles.require("fixtures/ollama/" + name + ".json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String responseBody(String name) {
        return exchange(name).path("response").path("body").asText();
    }

    public static String contentType(String name) {
        return exchange(name).path("response").path("headers").path("Content-Type").asText("application/json; charset=utf-8");
    }

    /** The recorded non-streaming /api/chat reply (llama3, real timings) with its content replaced. */
    public static String chatReply(String content) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(responseBody("chat-nonstream-llama3"));
            ((ObjectNode) body.path("message")).put("content", content);
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
