package dev.labelbench.backend;

import dev.labelbench.backend.embedded.ClassifierMethod;
import dev.labelbench.backend.embedded.EmbeddingModelCatalog;
import dev.labelbench.backend.embedded.TextEmbedder;
import dev.labelbench.core.Example;
import dev.labelbench.core.ExitCode;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend's own logic with a word-count embedder standing in for the ONNX model (real model: see *RealModelTest). */
class EmbeddedBackendTest {
    private static final LabelSet LABELS = new LabelSet(List.of(
            Label.of("sports"), new Label("business", List.of("biz"), "money markets shares"), Label.of("sci_tech")));

    /** Embeds a text as counts of its words hashed into 64 buckets: texts sharing words are similar. */
    static final class WordCountEmbedder implements TextEmbedder {
        final AtomicInteger embedded = new AtomicInteger();

        @Override
        public Embedded embed(String text) {
            embedded.incrementAndGet();
            return new Embedded(vector(text), text.split("\\s+").length);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String text : texts) {
                out.add(embed(text).vector());
            }
            return out;
        }

        static float[] vector(String text) {
            float[] v = new float[64];
            for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), 64)] += 1;
                }
            }
            return v;
        }
    }

    private static Example example(String id, String text, String gold) {
        return new Example(id, text, gold, Map.of("text", text), 2);
    }

    private static GenerationRequest request(Example example) {
        return GenerationRequest.of(Prompt.completion("zero", "ignored"), example, GenerationOptions.DEFAULTS);
    }

    /** A request whose template shows the few-shot examples. */
    private static GenerationRequest fewShotRequest(Example example) {
        return new GenerationRequest(Prompt.completion("few", "ignored"), example, GenerationOptions.DEFAULTS, null,
                null, true);
    }

    private static final List<Example> TRAINING = List.of(
            example("t1", "goal match team league", "sports"),
            example("t2", "team won the cup final", "sports"),
            example("t3", "stock price profit quarter", "business"),
            example("t4", "bank profit rises", "business"),
            example("t5", "software chip internet", "sci_tech"),
            example("t6", "new chip faster software", "sci_tech"));

    @Test
    void zeroShotAnswersWithTheLabelWhoseNameOrDescriptionIsClosest() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        WordCountEmbedder embedder = new WordCountEmbedder();
        Function<EmbeddingModelCatalog.Entry, TextEmbedder> loader = entry -> {
            loads.incrementAndGet();
            return embedder;
        };
        EmbeddedBackend backend = new EmbeddedBackend(ModelSpec.parse("embedded:minilm"),
                new BackendContext(LABELS, List.of()), loader);
        assertEquals(0, loads.get(), "the model must not load before it is used");
        assertEquals(ClassifierMethod.ZERO_SHOT, backend.methodFor(fewShotRequest(example("0", "x", "sports"))),
                "without training examples even a few-shot template gets zero-shot");

        Reply first = backend.generate(request(example("1", "shares fell as money left the markets", "business")));
        assertEquals("business", first.text());
        assertEquals("stop", first.finishReason());
        assertNotNull(first.loadMs(), "the first reply reports the load time");
        assertEquals(7, first.promptTokens());
        assertNull(first.completionTokens());
        assertTrue(first.latencyMs() > 0);

        Reply second = backend.generate(request(example("2", "sports news", "sports")));
        assertEquals("sports", second.text());
        assertNull(second.loadMs());
        assertEquals(1, loads.get());

        TokenLogprob scores = second.logprobs().get(0);
        assertEquals("sports", scores.token());
        assertEquals(List.of("sports"), scores.top().stream().limit(1).map(TokenLogprob.Alternative::token).toList());
        double total = scores.top().stream().mapToDouble(a -> Math.exp(a.logprob())).sum();
        assertEquals(1.0, total, 1e-6);
        assertEquals(3, scores.top().size());
    }

    @Test
    void theCacheDigestChangesWhenWhatTheAnswersDependOnChanges() {
        Function<EmbeddingModelCatalog.Entry, TextEmbedder> loader = e -> new WordCountEmbedder();
        Object base = new EmbeddedBackend(ModelSpec.parse("embedded:default"), new BackendContext(LABELS, List.of()), loader)
                .describe().get("digest");
        assertEquals(base, new EmbeddedBackend(ModelSpec.parse("embedded:default"), new BackendContext(LABELS, List.of()),
                loader).describe().get("digest"));
        LabelSet redescribed = new LabelSet(List.of(Label.of("sports"),
                new Label("business", List.of("biz"), "companies and trade"), Label.of("sci_tech")));
        for (EmbeddedBackend other : List.of(
                new EmbeddedBackend(ModelSpec.parse("embedded:default"), new BackendContext(redescribed, List.of()), loader),
                new EmbeddedBackend(ModelSpec.parse("embedded:default"), new BackendContext(LABELS, TRAINING), loader),
                new EmbeddedBackend(ModelSpec.parse("embedded:minilm"), new BackendContext(LABELS, List.of()), loader),
                new EmbeddedBackend(ModelSpec.parse("embedded:default:zeroshot"), new BackendContext(LABELS, List.of()), loader))) {
            assertNotEquals(base, other.describe().get("digest"), other.model().id());
        }
    }

    @Test
    void labelsAreEmbeddedAsWordsWithTheirDescription() {
        assertEquals("sci tech", EmbeddedBackend.labelText(Label.of("sci_tech")));
        assertEquals("business: money markets shares",
                EmbeddedBackend.labelText(new Label("business", List.of(), " money markets shares ")));
    }

    @Test
    void fewShotTemplatesUseTheNearestCentroidOfTheExamplesAndOtherTemplatesZeroShotAndKnnCanBeChosen() throws Exception {
        BackendContext context = new BackendContext(LABELS, TRAINING);
        EmbeddedBackend auto = new EmbeddedBackend(ModelSpec.parse("embedded:default"), context, e -> new WordCountEmbedder());
        assertEquals(ClassifierMethod.AUTO, auto.method());
        assertEquals(ClassifierMethod.CENTROID, auto.methodFor(fewShotRequest(example("0", "x", "sports"))));
        assertEquals(ClassifierMethod.ZERO_SHOT, auto.methodFor(request(example("0", "x", "sports"))));
        assertEquals("sci_tech", auto.generate(fewShotRequest(example("1", "a faster chip", "sci_tech"))).text());
        assertEquals("sports", auto.generate(fewShotRequest(example("2", "the team lost the final", "sports"))).text());

        EmbeddedBackend knn = new EmbeddedBackend(ModelSpec.parse("embedded:minilm:knn-1"), context, e -> new WordCountEmbedder());
        assertEquals(ClassifierMethod.KNN, knn.method());
        assertEquals(1, knn.describe().get("k"));
        assertEquals("business", knn.generate(request(example("3", "bank profit", "business"))).text());
    }

    @Test
    void trainingExamplesAreEmbeddedOnceAtLoadEvenUnderConcurrentFirstCalls() throws Exception {
        WordCountEmbedder embedder = new WordCountEmbedder();
        AtomicInteger loads = new AtomicInteger();
        EmbeddedBackend backend = new EmbeddedBackend(ModelSpec.parse("embedded:default:knn"),
                new BackendContext(LABELS, TRAINING), e -> {
                    loads.incrementAndGet();
                    return embedder;
                });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                replies.add(pool.submit(() -> backend.generate(request(example("x", "team match goal", "sports")))));
            }
            for (Future<Reply> reply : replies) {
                assertEquals("sports", reply.get().text());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, loads.get());
        // 3 label texts + 6 training examples at load, then one per request.
        assertEquals(3 + 6 + 16, embedder.embedded.get());
    }

    @Test
    void modelNamesAndMethodsAreCheckedUpFront() {
        BackendContext empty = new BackendContext(LABELS, List.of());
        LabelbenchException unknown = assertThrows(LabelbenchException.class,
                () -> new EmbeddedBackend(ModelSpec.parse("embedded:gpt5"), empty));
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("unknown embedding model 'gpt5'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("minilm"), unknown.getMessage());

        LabelbenchException method = assertThrows(LabelbenchException.class,
                () -> new EmbeddedBackend(ModelSpec.parse("embedded:minilm:svm"), empty));
        assertTrue(method.getMessage().contains("unknown method 'svm'"), method.getMessage());

        LabelbenchException k = assertThrows(LabelbenchException.class,
                () -> new EmbeddedBackend(ModelSpec.parse("embedded:minilm:knn-0"), new BackendContext(LABELS, TRAINING)));
        assertTrue(k.getMessage().contains("knn-10"), k.getMessage());

        LabelbenchException noTraining = assertThrows(LabelbenchException.class,
                () -> new EmbeddedBackend(ModelSpec.parse("embedded:minilm:centroid"), empty));
        assertTrue(noTraining.getMessage().contains("examples file or train split"), noTraining.getMessage());
    }

    @Test
    void preflightNamesTheDependencyOfAModelThatIsNotInTheBuild() {
        EmbeddingModelCatalog.Entry missing = EmbeddingModelCatalog.entries().stream()
                .filter(e -> !EmbeddingModelCatalog.available(e)).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing != null, "every catalogued model is on this classpath");
        EmbeddedBackend backend = new EmbeddedBackend(ModelSpec.parse("embedded:" + missing.name()),
                new BackendContext(LABELS, List.of()));
        List<String> problems = backend.preflight();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(missing.dependency()), problems.get(0));
        BackendException e = assertThrows(BackendException.class,
                () -> backend.generate(request(example("1", "text", "sports"))));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains(missing.dependency()), e.getMessage());
    }

    @Test
    void theShippedModelsAreInTheBuildAndDefaultIsOneOfThem() {
        EmbeddingModelCatalog.Entry def = EmbeddingModelCatalog.find("default").orElseThrow();
        assertTrue(EmbeddingModelCatalog.available(def), def.dependency());
        assertTrue(EmbeddingModelCatalog.available(EmbeddingModelCatalog.find("minilm").orElseThrow()));
        assertTrue(new EmbeddedBackend(ModelSpec.parse("embedded:default"), new BackendContext(LABELS, List.of()))
                .preflight().isEmpty());
    }

    @Test
    void anExampleWithoutTextIsAnErrorNotAGuess() {
        EmbeddedBackend backend = new EmbeddedBackend(ModelSpec.parse("embedded:minilm"),
                new BackendContext(LABELS, List.of()), e -> new WordCountEmbedder());
        BackendException e = assertThrows(BackendException.class, () -> backend.generate(request(example("7", "  ", "sports"))));
        assertTrue(e.getMessage().contains("'7' has no text"), e.getMessage());
    }
}
