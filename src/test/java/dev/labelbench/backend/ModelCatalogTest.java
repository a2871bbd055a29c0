package dev.labelbench.backend;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final BackendSettings FAST = BackendSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @Test
    void ollamaTagsGiveSizeFamilyParametersAndQuantization() {
        server.stubFor(get("/api/tags").willReturn(RecordedExchange.ollama("tags").response()));

        List<ModelCatalog.Entry> models = new ModelCatalog(FAST, Map.of()).list("ollama", server.baseUrl());

        ModelCatalog.Entry llama3 = models.get(0);
        assertEquals("llama3:8b", llama3.name());
        assertEquals(4661224676L, llama3.sizeBytes());
        assertEquals("llama", llama3.family());
        assertEquals("8.0B", llama3.parameterSize());
        assertEquals("Q4_0", llama3.quantization());
    }

    @Test
    void ollamaUrlDefaultsToOllamaHost() {
        server.stubFor(get("/api/tags").willReturn(okJson("{\"models\":[]}")));
        ModelCatalog catalog = new ModelCatalog(FAST, Map.of("OLLAMA_HOST", server.baseUrl()));

        assertEquals(List.of(), catalog.list("ollama", null));
        server.verify(1, getRequestedFor(urlEqualTo("/api/tags")));
    }

    @Test
    void llamaServerModelsComeWithSlotsContextAndBuild() {
        server.stubFor(get("/v1/models").willReturn(RecordedExchange.llamaServer("get-v1-models").response()));
        server.stubFor(get("/props").willReturn(RecordedExchange.llamaServer("get-props").response()));

        List<ModelCatalog.Entry> models = new ModelCatalog(FAST, Map.of()).list("llamacpp", server.baseUrl());

        assertEquals(1, models.size());
        ModelCatalog.Entry entry = models.get(0);
        assertEquals("stories260K", entry.name());
        assertEquals(1171200L, entry.sizeBytes());
        assertEquals("293K", entry.parameterSize());
        assertEquals(512, entry.contextSize(), "per-slot context, not -c");
        assertEquals("4 slots, build b9928-81ff7abe5", entry.note());
    }

    @Test
    void openAiModelsSendTheKeyWhenSet() {
        server.stubFor(get("/v1/models").willReturn(RecordedExchange.llamaServer("get-v1-models").response()));

        List<ModelCatalog.Entry> models = new ModelCatalog(FAST, Map.of("OPENAI_API_KEY", "sk-x")).list("openai", server.baseUrl() + "/v1");

        assertEquals("stories260K", models.get(0).name());
        assertEquals("llamacpp", models.get(0).note());
        assertEquals("Bearer sk-x", server.findAll(getRequestedFor(urlEqualTo("/v1/models"))).get(0).getHeader("Authorization"));
    }

    @Test
    void unreachableServerIsAServerErrorNamingTheUrl() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> new ModelCatalog(FAST, Map.of()).list("llamacpp", "http://127.0.0.1:9"));
        assertEquals(ExitCode.SERVER, e.exitCode());
        assertTrue(e.getMessage().contains("http://127.0.0.1:9/v1/models"), e.getMessage());
    }

    @Test
    void llamaCppNeedsAUrl() {
        LabelbenchException e = assertThrows(LabelbenchException.class, () -> new ModelCatalog(FAST, Map.of()).list("llamacpp", null));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--url"), e.getMessage());
    }
}
