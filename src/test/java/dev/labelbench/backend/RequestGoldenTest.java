package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The exact request bodies labelbench sends, kept as golden files in src/test/resources/backend/. A change to what
 * goes on the wire shows up here as a diff to review. Set -Dgolden.update=true to rewrite them.
 */
class RequestGoldenTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final BackendSettings FAST = new BackendSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ZERO);
    /** Labels that need escaping in a grammar: a quote, a backslash, a space and non-ASCII. */
    static final LabelSet LABELS = new LabelSet(List.of(Label.of("très bien"), Label.of("say \"no\""), Label.of("a\\b")));
    static final Prompt CHAT = Prompt.chat("zero-shot", List.of(
            new ChatMessage("system", "Classify the review."), new ChatMessage("user", "Review: great\nLabel:")));
    static final Prompt RAW = Prompt.completion("raw", "Review: great\nLabel:");
    static final GenerationOptions OPTIONS = new GenerationOptions(0.0, 42L, 16, List.of("\n"), 4096, 1, 0.9, false, "30m");

    private static void assertGolden(String name, JsonNode actual) throws IOException {
        String pretty = HttpJsonClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/backend", name), pretty);
        }
        try (InputStream in = RequestGoldenTest.class.getResourceAsStream("/backend/" + name)) {
            assertNotNull(in, "golden file " + name + " (run with -Dgolden.update=true to create it)");
            // compared as parsed from text on both sides, as the server would read them (42 is 42, int or long)
            assertEquals(HttpJsonClient.json().readTree(in), HttpJsonClient.json().readTree(pretty), name + ":\n" + pretty);
        }
    }

    private JsonNode sent(String path) throws IOException {
        return HttpJsonClient.json().readTree(server.findAll(postRequestedFor(urlEqualTo(path))).get(0).getBodyAsString());
    }

    @Test
    void ollamaChatConstrainedWithLogprobs() throws Exception {
        server.stubFor(post("/api/chat").willReturn(okJson("{\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":true}")));
        new OllamaBackend(ModelSpec.parse("ollama:qwen2.5:0.5b@" + server.baseUrl()), FAST, null)
                .generate(new GenerationRequest(CHAT, null, OPTIONS, LABELS, 5));
        assertGolden("ollama-chat.json", sent("/api/chat"));
    }

    @Test
    void ollamaGenerateRaw() throws Exception {
        server.stubFor(post("/api/generate").willReturn(okJson("{\"response\":\"x\",\"done\":true}")));
        new OllamaBackend(ModelSpec.parse("ollama:qwen2.5:0.5b@" + server.baseUrl()), FAST, null)
                .generate(GenerationRequest.of(RAW, null, OPTIONS));
        assertGolden("ollama-generate.json", sent("/api/generate"));
    }

    @Test
    void llamaCppChatWithGrammarAndLogprobs() throws Exception {
        LlamaCppBackend backend = new LlamaCppBackend(ModelSpec.parse("llamacpp:qwen@http://127.0.0.1:8080"), FAST);
        assertGolden("llamacpp-chat.json", backend.chatBody(new GenerationRequest(CHAT, null, OPTIONS, LABELS, 3)));
    }

    @Test
    void llamaCppNativeCompletionStreamed() throws Exception {
        LlamaCppBackend backend = new LlamaCppBackend(ModelSpec.parse("llamacpp:qwen@http://127.0.0.1:8080"), FAST.withStream(true));
        assertGolden("llamacpp-completion-stream.json", backend.completionBody(new GenerationRequest(RAW, null, OPTIONS, LABELS, 3)));
    }

    @Test
    void openAiChatConstrainedWithLogprobs() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"finish_reason\":\"stop\"}]}")));
        new OpenAiBackend(ModelSpec.parse("openai:Qwen/Qwen2.5-1.5B-Instruct@" + server.baseUrl() + "/v1"), FAST, Map.of())
                .generate(new GenerationRequest(CHAT, null, OPTIONS, LABELS, 3));
        assertGolden("openai-chat.json", sent("/v1/chat/completions"));
    }
}
