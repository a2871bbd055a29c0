package dev.labelbench.scoring;

import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.LlamaCppTokenScorer;
import dev.labelbench.backend.OllamaTokenScorer;
import dev.labelbench.backend.OpenAiTokenScorer;
import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which backends can score, and the message for those that cannot, before any example is sent. */
class TokenScorersTest {

    @Test
    void theInProcessGgufBackendIsRefusedUpFrontNamingWhatItLacks() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> TokenScorers.forModel(ModelSpec.parse("gguf:models/tiny.gguf"), BackendSettings.DEFAULTS));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("model 'gguf:models/tiny.gguf': scoring: logprob needs token probabilities"),
                e.getMessage());
        assertTrue(e.getMessage().contains("aborts the JVM") && e.getMessage().contains("llama-server"), e.getMessage());
        assertFalse(TokenScorers.supports(ModelSpec.parse("gguf:x.gguf")));
    }

    @Test
    void theEmbeddedBaselineIsRefusedUpFront() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> TokenScorers.forModel(ModelSpec.parse("embedded:minilm"), BackendSettings.DEFAULTS));
        assertTrue(e.getMessage().contains("'embedded:minilm'") && e.getMessage().contains("embedded baseline has none"),
                e.getMessage());
    }

    @Test
    void serverBackendsGetTheirScorer() {
        assertInstanceOf(LlamaCppTokenScorer.class,
                TokenScorers.forModel(ModelSpec.parse("llamacpp:tiny@http://127.0.0.1:9000"), BackendSettings.DEFAULTS));
        assertInstanceOf(OllamaTokenScorer.class,
                TokenScorers.forModel(ModelSpec.parse("ollama:qwen2.5:0.5b"), BackendSettings.DEFAULTS));
        assertInstanceOf(OpenAiTokenScorer.class,
                TokenScorers.forModel(ModelSpec.parse("openai:qwen@http://localhost:8000/v1"), BackendSettings.DEFAULTS));
        assertEquals("OpenAI-compatible server at http://localhost:8000 (model qwen)", TokenScorers.forModel(
                ModelSpec.parse("openai:qwen@http://localhost:8000/v1"), BackendSettings.DEFAULTS).describe());
    }

    @Test
    void anOpenAiModelWithoutAUrlIsAUsageError() {
        LabelbenchException e = assertThrows(LabelbenchException.class,
                () -> TokenScorers.forModel(ModelSpec.parse("openai:qwen"), BackendSettings.DEFAULTS));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void anUnreachableServerFailsThePreflightWithAServerError() {
        var scorer = TokenScorers.forModel(ModelSpec.parse("llamacpp:tiny@http://127.0.0.1:1"), BackendSettings.DEFAULTS);
        LabelbenchException e = assertThrows(LabelbenchException.class, () -> TokenScorers.requireReady(scorer));
        assertEquals(ExitCode.SERVER, e.exitCode());
        assertTrue(e.getMessage().contains("http://127.0.0.1:1"), e.getMessage());
    }
}
