package dev.labelbench.cache;

import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteResponseCacheTest {
    @TempDir
    Path dir;

    private static final ModelSpec MODEL = ModelSpec.parse("ollama:qwen2.5:0.5b@http://a:11434");
    private static final Example EXAMPLE = new Example("1", "The parcel is late", "shipping", Map.of(), 2);
    private static final GenerationOptions OPTIONS = GenerationOptions.DEFAULTS.overriddenBy(
            new GenerationOptions(null, 42L, 8, null, null, null, null, null, null));

    private static GenerationRequest request(String system, GenerationOptions options, LabelSet constrain, Integer top) {
        Prompt prompt = Prompt.chat("zero", List.of(new ChatMessage("system", system),
                new ChatMessage("user", EXAMPLE.text())));
        return new GenerationRequest(prompt, EXAMPLE, options, constrain, top);
    }

    private static final GenerationRequest BASE = request("Classify.", OPTIONS, null, null);

    private static Reply reply(String text) {
        return new Reply(text, null, "stop", 123.0, 30, 2, null, 50.0, 70.0, List.of());
    }

    @Test
    void keyChangesWithEverythingThatDeterminesTheReplyAndNothingElse() {
        CacheKey base = CacheKey.of(MODEL, "sha256:aaa", BASE);
        // Same reply expected: another URL for the same model, another template name, another example id.
        assertEquals(base, CacheKey.of(MODEL.withUrls(List.of("http://b:11434")), "sha256:aaa", BASE));
        Prompt renamed = Prompt.chat("other-name", BASE.prompt().messages());
        assertEquals(base, CacheKey.of(MODEL, "sha256:aaa", new GenerationRequest(renamed,
                new Example("99", EXAMPLE.text(), "billing", Map.of(), 9), OPTIONS, null, null)));
        // A different reply is possible: each of these must change the key.
        List<CacheKey> different = List.of(
                CacheKey.of(MODEL, "sha256:bbb", BASE),
                CacheKey.of(MODEL, null, BASE),
                CacheKey.of(ModelSpec.parse("ollama:qwen2.5:1.5b"), "sha256:aaa", BASE),
                CacheKey.of(ModelSpec.parse("llamacpp:qwen2.5:0.5b"), "sha256:aaa", BASE),
                CacheKey.of(MODEL, "sha256:aaa", request("Classify!", OPTIONS, null, null)),
                CacheKey.of(MODEL, "sha256:aaa", request("Classify.", OPTIONS.overriddenBy(
                        new GenerationOptions(0.7, null, null, null, null, null, null, null, null)), null, null)),
                CacheKey.of(MODEL, "sha256:aaa", request("Classify.", OPTIONS,
                        LabelSet.ofNames(List.of("billing", "shipping")), null)),
                CacheKey.of(MODEL, "sha256:aaa", request("Classify.", OPTIONS, null, 5)),
                CacheKey.of(MODEL, "sha256:aaa", new GenerationRequest(BASE.prompt(), BASE.example(), BASE.options(),
                        null, null, true)));
        for (CacheKey key : different) {
            assertNotEquals(base, key);
        }
        assertEquals(different.size(), different.stream().distinct().count());
    }

    @Test
    void storesRepliesDurablyAcrossReopening() {
        CacheKey key = CacheKey.of(MODEL, null, BASE);
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir)) {
            assertTrue(cache.get(key).isEmpty());
            cache.put(key, reply("shipping").asCached());
        }
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir)) {
            Reply stored = cache.get(key).orElseThrow();
            assertEquals("shipping", stored.text());
            assertEquals(123.0, stored.latencyMs());
            assertEquals(2, stored.completionTokens());
            assertNull(stored.cached(), "stored as a fresh reply; the reader marks it cached");
        }
    }

    @Test
    void statsCountPerModelAndClearCanTargetOneModel() {
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir)) {
            cache.put(CacheKey.of(MODEL, null, BASE), reply("a"));
            cache.put(CacheKey.of(MODEL, null, request("x", OPTIONS, null, null)), reply("b"));
            ModelSpec other = ModelSpec.parse("ollama:llama3:8b");
            cache.put(CacheKey.of(other, null, BASE), reply("c"));
            CacheStats stats = cache.stats();
            assertEquals(3, stats.entries());
            assertEquals(List.of("ollama:llama3:8b", "ollama:qwen2.5:0.5b"),
                    stats.models().stream().map(CacheStats.ModelCount::model).toList());
            assertEquals(2, stats.models().get(1).entries());
            assertEquals(2, cache.clear("ollama:qwen2.5:0.5b"));
            assertEquals(1, cache.stats().entries());
            assertTrue(cache.get(CacheKey.of(other, null, BASE)).isPresent());
            assertEquals(1, cache.clear(null));
            assertEquals(0, cache.stats().entries());
        }
    }

    @Test
    void twoProcessesSharingTheFileBothGetEveryEntryIn() throws Exception {
        // Two connections (as two labelbench processes would have) writing at the same time.
        int perWriter = 300;
        try (SqliteResponseCache one = SqliteResponseCache.open(dir);
             SqliteResponseCache two = SqliteResponseCache.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                SqliteResponseCache cache = w % 2 == 0 ? one : two;
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        cache.put(CacheKey.of(MODEL, null, request("w" + writer + " #" + i, OPTIONS, null, null)),
                                reply("r" + i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(4L * perWriter, one.stats().entries());
            assertEquals("r7", two.get(CacheKey.of(MODEL, null, request("w0 #7", OPTIONS, null, null))).orElseThrow().text());
        }
    }

    @Test
    void defaultDirectoryFollowsXdg() {
        assertEquals(Path.of("/x/cache/labelbench"),
                CacheLocation.defaultDir(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u", "Linux"));
        assertEquals(Path.of("/home/u/.cache/labelbench"), CacheLocation.defaultDir(Map.of(), "/home/u", "Linux"));
        assertEquals(Path.of("/home/u/.cache/labelbench"),
                CacheLocation.defaultDir(Map.of("XDG_CACHE_HOME", "relative"), "/home/u", "Linux"),
                "XDG says relative paths are to be ignored");
        assertFalse(CacheLocation.file(dir).toString().isEmpty());
    }
}
