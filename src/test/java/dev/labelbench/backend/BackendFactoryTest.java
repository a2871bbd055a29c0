package dev.labelbench.backend;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendFactoryTest {
    final BackendFactory factory = new BackendFactory(BackendSettings.DEFAULTS);

    private static Backend unwrapped(Backend backend) {
        return assertInstanceOf(RetryingBackend.class, backend, "every backend retries").delegate();
    }

    @Test
    void eachKindOpensItsBackendBehindRetries() {
        assertInstanceOf(OllamaBackend.class, unwrapped(factory.open(ModelSpec.parse("ollama:qwen2.5:0.5b"), null)));
        assertInstanceOf(LlamaCppBackend.class, unwrapped(factory.open(ModelSpec.parse("llamacpp:q@http://127.0.0.1:8080"), null)));
        assertInstanceOf(OpenAiBackend.class, unwrapped(factory.open(ModelSpec.parse("openai:q@http://127.0.0.1:8000/v1"), null)));
    }

    @Test
    void modelWithSeveralUrlsGivesOneBackendPerServer() {
        ModelSpec spec = ModelSpec.parse("llamacpp:q").withUrls(List.of("http://gpu1:8080", "http://gpu2:8080/"));

        List<Backend> backends = factory.openEach(spec, null);

        assertEquals(2, backends.size());
        assertEquals("http://gpu1:8080", ((LlamaCppBackend) unwrapped(backends.get(0))).baseUrl());
        assertEquals("http://gpu2:8080", ((LlamaCppBackend) unwrapped(backends.get(1))).baseUrl());
        assertEquals(1, factory.openEach(ModelSpec.parse("ollama:q"), null).size());
    }

    @Test
    void serversWithoutADefaultPortNeedAUrl() {
        LabelbenchException e = assertThrows(LabelbenchException.class, () -> factory.open(ModelSpec.parse("openai:q"), null));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("needs the server's base URL"), e.getMessage());
    }
}
