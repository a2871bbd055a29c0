package dev.labelbench.backend;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryingBackendTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    static final GenerationRequest REQUEST = GenerationRequest.of(
            Prompt.chat("t", List.of(new ChatMessage("user", "hi"))), null, GenerationOptions.DEFAULTS);
    static final String OK = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"positive\"},"
            + "\"done_reason\":\"stop\",\"done\":true,\"eval_count\":1}";

    /** A backend that fails with the given exceptions, one per call, then answers. */
    static final class Flaky implements Backend {
        final List<BackendException> failures;
        int calls;

        Flaky(BackendException... failures) {
            this.failures = new ArrayList<>(List.of(failures));
        }

        @Override
        public ModelSpec model() {
            return ModelSpec.parse("ollama:m");
        }

        @Override
        public List<String> preflight() {
            return List.of();
        }

        @Override
        public Reply generate(GenerationRequest request) throws BackendException {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return Reply.ofText("positive", 1);
        }
    }

    @Test
    void retriesRetryableFailuresWithDoublingWaits() throws Exception {
        Flaky flaky = new Flaky(new BackendException("HTTP 503: server busy", true, 503),
                new BackendException("connection reset", true, 0));
        List<Duration> waits = new ArrayList<>();

        Reply reply = new RetryingBackend(flaky, 3, Duration.ofMillis(100), waits::add).generate(REQUEST);

        assertEquals("positive", reply.text());
        assertEquals(3, flaky.calls);
        assertEquals(2, waits.size());
        assertTrue(waits.get(0).toMillis() >= 100 && waits.get(0).toMillis() <= 110, waits.toString());
        assertTrue(waits.get(1).toMillis() >= 200 && waits.get(1).toMillis() <= 220, waits.toString());
    }

    @Test
    void doesNotRetryAClientError() {
        Flaky flaky = new Flaky(new BackendException("HTTP 400: bad grammar", false, 400));
        List<Duration> waits = new ArrayList<>();

        BackendException e = assertThrows(BackendException.class,
                () -> new RetryingBackend(flaky, 3, Duration.ofMillis(100), waits::add).generate(REQUEST));

        assertEquals(1, flaky.calls);
        assertEquals(List.of(), waits);
        assertEquals("HTTP 400: bad grammar", e.getMessage());
    }

    @Test
    void givesUpAfterMaxRetriesAndSaysSo() {
        Flaky flaky = new Flaky(new BackendException("HTTP 500: boom", true, 500), new BackendException("HTTP 500: boom", true, 500),
                new BackendException("HTTP 500: boom", true, 500));

        BackendException e = assertThrows(BackendException.class,
                () -> new RetryingBackend(flaky, 2, Duration.ofMillis(1), d -> { }).generate(REQUEST));

        assertEquals(3, flaky.calls);
        assertEquals("HTTP 500: boom (gave up after 3 attempts)", e.getMessage());
        assertEquals(500, e.status());
        assertFalse(e.retryable(), "already retried: the run engine records it as an error");
    }

    @Test
    void waitsAreCappedAt30Seconds() {
        RetryingBackend backend = new RetryingBackend(new Flaky(), 50, Duration.ofSeconds(1), d -> { });
        assertEquals(30_000, backend.waitBefore(20).toMillis());
    }

    /** The factory wraps every backend: a real 503 then a reset then a 200 is one successful reply. */
    @Test
    void factoryBackendsRetryBusyAndResetOverHttp() throws Exception {
        server.stubFor(post("/api/chat").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)
                        .withBody("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"))
                .willSetStateTo("reset"));
        server.stubFor(post("/api/chat").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(post("/api/chat").inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(OK)));
        BackendSettings settings = new BackendSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(1));

        Backend backend = new BackendFactory(settings).open(ModelSpec.parse("ollama:m@" + server.baseUrl()), null);
        Reply reply = backend.generate(REQUEST);

        assertEquals("positive", reply.text());
        server.verify(3, postRequestedFor(urlEqualTo("/api/chat")));
    }

    @Test
    void readTimeoutIsRetryableAndNamed() {
        server.stubFor(post("/api/chat").willReturn(okJson(OK).withFixedDelay(1500)));
        BackendSettings settings = new BackendSettings(Duration.ofSeconds(1), Duration.ofMillis(300), 1, Duration.ofMillis(1));

        Backend backend = new BackendFactory(settings).open(ModelSpec.parse("ollama:m@" + server.baseUrl()), null);
        BackendException e = assertThrows(BackendException.class, () -> backend.generate(REQUEST));

        assertTrue(e.getMessage().contains("no response within"), e.getMessage());
        assertTrue(e.getMessage().contains("(gave up after 2 attempts)"), e.getMessage());
        server.verify(2, postRequestedFor(urlEqualTo("/api/chat")));
    }

    @Test
    void clientErrorOverHttpIsSentOnce() {
        server.stubFor(post("/api/chat").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"\\\"qwen:0.5b\\\" does not support thinking\"}")));
        BackendSettings settings = new BackendSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(1));

        Backend backend = new BackendFactory(settings).open(ModelSpec.parse("ollama:qwen:0.5b@" + server.baseUrl()), null);
        BackendException e = assertThrows(BackendException.class, () -> backend.generate(REQUEST));

        assertTrue(e.getMessage().contains("\"qwen:0.5b\" does not support thinking"), e.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo("/api/chat")));
    }
}
