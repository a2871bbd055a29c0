package dev.labelbench.backend;

import dev.labelbench.SharedFiles;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process backend on the real tiny GGUF models in ../shared/models (they cannot classify; the grammar can). */
class GgufBackendTest {
    private static final LabelSet SENTIMENT = LabelSet.ofNames(List.of("positive", "negative", "neutral"));
    private static final Example EXAMPLE = new Example("1", "I loved every minute of it.", "positive",
            Map.of("text", "I loved every minute of it."), 2);

    private static GgufBackend open(String file) {
        return new GgufBackend(ModelSpec.parse("gguf:" + SharedFiles.require("models/" + file)));
    }

    private static Prompt chat(String text) {
        return Prompt.chat("chat", List.of(
                new ChatMessage("system", "You are a classifier. Reply with exactly one of: positive, negative, neutral."),
                new ChatMessage("user", text)));
    }

    private static GenerationRequest constrained(Prompt prompt, GenerationOptions options) {
        return new GenerationRequest(prompt, EXAMPLE, options, SENTIMENT, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K.gguf", "llama-2-tiny-random.gguf"})
    void withTheGrammarEveryReplyIsOneOfTheLabels(String file) throws Exception {
        try (GgufBackend backend = open(file)) {
            assertEquals(List.of(), backend.preflight());
            GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                    new GenerationOptions(0.8, 7L, 12, null, null, null, null, null, null));
            String[] texts = {"I loved every minute of it.", "Terrible.", "It was a film.", "Once upon a time",
                    "¿Qué tal? 東京", ""};
            for (String text : texts) {
                Reply chatReply = backend.generate(constrained(chat(text), options));
                assertTrue(SENTIMENT.names().contains(chatReply.text()), file + " chat reply '" + chatReply.text() + "'");
                Reply completion = backend.generate(constrained(
                        Prompt.completion("raw", "Text: " + text + "\nLabels: positive, negative, neutral\nLabel:"), options));
                assertTrue(SENTIMENT.names().contains(completion.text()), file + " completion '" + completion.text() + "'");
                assertTrue(completion.latencyMs() > 0);
                assertTrue(completion.promptTokens() > 5, "prompt tokens " + completion.promptTokens());
                assertTrue(completion.completionTokens() >= 2, "completion tokens " + completion.completionTokens());
            }
        }
    }

    @Test
    void labelsWithQuotesBackslashesAndUnicodeAreEscapedForLlamaCpp() throws Exception {
        LabelSet odd = LabelSet.ofNames(List.of("say \"hi\"", "a\\b", "négatif", "reverted_card_payment?", "x|y ::= z"));
        try (GgufBackend backend = open("llama-2-tiny-random.gguf")) {
            for (long seed = 1; seed <= 5; seed++) {
                GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(
                        new GenerationOptions(1.0, seed, 24, null, null, null, null, null, null));
                Reply reply = backend.generate(new GenerationRequest(chat("text " + seed), EXAMPLE, options, odd, null));
                assertTrue(odd.names().contains(reply.text()), "reply '" + reply.text() + "'");
            }
        }
    }

    @Test
    void tokenCountsAreTheModelsOwn() throws Exception {
        try (GgufBackend backend = open("stories260K.gguf")) {
            // Greedy decoding of stories260K with this grammar picks a label; "positive" is 6 tokens in its 512-token
            // vocabulary and "neutral" 7 (models README), plus the end-of-sequence token, as llama-server counts.
            Reply reply = backend.generate(constrained(chat("I loved it."), GenerationOptions.DEFAULTS));
            int expected = switch (reply.text()) {
                case "positive" -> 7;
                case "neutral" -> 8;
                default -> -1;
            };
            assertEquals(expected, reply.completionTokens(), "reply " + reply.text());
            assertEquals("stop", reply.finishReason());
            // BOS + the tokens of "Once upon a time" in its vocabulary.
            Reply story = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), EXAMPLE,
                    GenerationOptions.DEFAULTS.overriddenBy(new GenerationOptions(null, null, 20, null, null, null, null, null, null))));
            assertEquals(20, story.completionTokens());
            assertEquals("length", story.finishReason());
            assertTrue(story.promptTokens() >= 4 && story.promptTokens() <= 8, "prompt tokens " + story.promptTokens());
            assertNotNull(story.tokensPerSecond(), "speed is measured by GgufBenchmark, not asserted here");
            assertNotEquals("", story.text().strip());
        }
    }

    @Test
    void loadTimeIsReportedOnceAndGreedyDecodingIsRepeatable() throws Exception {
        try (GgufBackend backend = open("stories260K.gguf")) {
            GenerationRequest request = GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), EXAMPLE,
                    GenerationOptions.DEFAULTS);
            Reply first = backend.generate(request);
            Reply second = backend.generate(request);
            assertNotNull(first.loadMs());
            assertNull(second.loadMs());
            assertEquals(first.text(), second.text());
            assertEquals(32, first.completionTokens(), "DEFAULTS.maxTokens bounds the reply");
        }
    }

    @Test
    void stopStringsEndTheReply() throws Exception {
        try (GgufBackend backend = open("stories260K.gguf")) {
            GenerationOptions free = GenerationOptions.DEFAULTS.overriddenBy(
                    new GenerationOptions(null, null, 40, null, null, null, null, null, null));
            String full = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), EXAMPLE, free)).text();
            int cut = full.indexOf(' ', 3);
            assertTrue(cut > 0, full);
            String stopAt = full.substring(cut, Math.min(full.length(), cut + 4));
            GenerationOptions stopping = free.overriddenBy(
                    new GenerationOptions(null, null, null, List.of(stopAt), null, null, null, null, null));
            Reply stopped = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), EXAMPLE, stopping));
            assertEquals(full.substring(0, cut), stopped.text());
            assertEquals("stop", stopped.finishReason());
        }
    }

    @Test
    void concurrentCallersAreServedOneAtATime() throws Exception {
        try (GgufBackend backend = open("stories260K.gguf")) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String text = "example " + i;
                    replies.add(pool.submit(() -> backend.generate(constrained(chat(text), GenerationOptions.DEFAULTS))));
                }
                for (Future<Reply> reply : replies) {
                    assertTrue(SENTIMENT.names().contains(reply.get().text()));
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void aDifferentContextSizeReloadsTheModel() throws Exception {
        try (GgufBackend backend = open("stories260K.gguf")) {
            GenerationOptions small = GenerationOptions.DEFAULTS.overriddenBy(
                    new GenerationOptions(null, null, 4, null, 256, null, null, null, null));
            Reply first = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once"), EXAMPLE, small));
            assertNotNull(first.loadMs());
            assertEquals(256, backend.describe().get("context_size"));
            Reply same = backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once"), EXAMPLE, small));
            assertNull(same.loadMs());
            assertEquals("llama", backend.describe().get("architecture"));
            assertEquals("ChatML fallback", backend.describe().get("chat_template"));
        }
    }

    @Test
    void aPromptThatDoesNotFitTheContextIsCaughtNotSilentlyCut() throws Exception {
        GenerationOptions small = GenerationOptions.DEFAULTS.overriddenBy(
                new GenerationOptions(null, null, 16, null, 128, null, null, null, null));
        GenerationRequest longest = GenerationRequest.of(Prompt.completion("raw", "Once upon a time ".repeat(40)), EXAMPLE, small);
        GenerationRequest fits = GenerationRequest.of(Prompt.completion("raw", "Once upon a time"), EXAMPLE, small);
        try (GgufBackend backend = open("stories260K.gguf")) {
            assertEquals(List.of(), backend.preflight(fits));
            List<String> problems = backend.preflight(longest);
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).contains("context of 128 tokens") && problems.get(0).contains("trained with 2048"),
                    problems.get(0));
            BackendException e = org.junit.jupiter.api.Assertions.assertThrows(BackendException.class,
                    () -> backend.generate(longest));
            assertTrue(e.getMessage().contains("raise context_size"), e.getMessage());
            assertEquals(4, backend.generate(GenerationRequest.of(Prompt.completion("raw", "Once"), EXAMPLE,
                    small.overriddenBy(new GenerationOptions(null, null, 4, null, null, null, null, null, null)))).completionTokens());
        }
    }

    @Test
    void aMissingOrForeignFileIsAClearPreflightProblem(@TempDir Path dir) throws Exception {
        GgufBackend missing = new GgufBackend(ModelSpec.parse("gguf:" + dir.resolve("nope.gguf")));
        List<String> problems = missing.preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no such file") && problems.get(0).contains("nope.gguf"), problems.get(0));

        Path text = Files.writeString(dir.resolve("notes.gguf"), "hello");
        String problem = new GgufBackend(ModelSpec.parse("gguf:" + text)).preflight().get(0);
        assertTrue(problem.contains("not a GGUF file") && problem.contains("notes.gguf"), problem);
    }
}
