package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.labelbench.SharedFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * One recorded llama-server exchange from {@code ../shared/fixtures/llama-server/NAME.http} (the exact output of
 * {@code curl -i}: status line, CRLF headers, blank line, body), turned into a WireMock response. Only the
 * Content-Type header is replayed; WireMock sets the length and connection headers itself.
 */
public record LlamaServerRecording(int status, String contentType, String body) {

    public static LlamaServerRecording load(String name) {
        try {
            String raw = Files.readString(SharedFiles.require("fixtures/llama-server/" + name + ".http"),
                    StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, split).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String contentType = "application/json";
            for (String header : head) {
                if (header.toLowerCase().startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).strip();
                }
            }
            return new LlamaServerRecording(status, contentType, raw.substring(split + 4));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ResponseDefinitionBuilder response() {
        return aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body);
    }

    public static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString());
    }
}
