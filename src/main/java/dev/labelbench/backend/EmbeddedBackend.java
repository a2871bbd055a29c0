package dev.labelbench.backend;

import dev.labelbench.backend.embedded.Classification;
import dev.labelbench.backend.embedded.ClassifierMethod;
import dev.labelbench.backend.embedded.EmbeddingClassifier;
import dev.labelbench.backend.embedded.EmbeddingModelCatalog;
import dev.labelbench.backend.embedded.LangChain4jEmbedder;
import dev.labelbench.backend.embedded.TextEmbedder;
import dev.labelbench.core.Example;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded baseline ({@code embedded:<model>[:<method>]}): a sentence-embedding model running in-process that
 * picks the label whose embedding is most similar to the example's text. It ignores the prompt; it reads the
 * example's text and the evaluation's labels. With no training examples it is zero-shot (label names and descriptions
 * are embedded); with training examples it uses their nearest centroid, or their k nearest neighbours
 * ({@code :knn}, {@code :knn-K}). The model loads on the first request, so runs that do not use it pay nothing.
 *
 * <p>The reply's text is the label name. Its {@code logprobs} carry one entry whose alternatives are every label with
 * the log of the classifier's probability for it, so label probabilities can be read the same way as from an LLM's
 * first-token logprobs.
 */
public final class EmbeddedBackend implements Backend {
    static final int DEFAULT_K = 10;
    private static final double MIN_PROBABILITY = 1e-12;

    private final ModelSpec model;
    private final EmbeddingModelCatalog.Entry entry;
    private final ClassifierMethod requestedMethod;
    private final int k;
    private final BackendContext context;
    private final Function<EmbeddingModelCatalog.Entry, TextEmbedder> loader;

    private volatile Loaded loaded;

    /** The loaded model and the classifiers built from it, one per method used (built on first use). */
    private final class Loaded {
        private final TextEmbedder embedder;
        private final double loadMs;
        private final Map<ClassifierMethod, EmbeddingClassifier> classifiers = new java.util.concurrent.ConcurrentHashMap<>();

        Loaded(TextEmbedder embedder, double loadMs) {
            this.embedder = embedder;
            this.loadMs = loadMs;
        }

        TextEmbedder embedder() {
            return embedder;
        }

        double loadMs() {
            return loadMs;
        }

        EmbeddingClassifier classifier(ClassifierMethod method) {
            return classifiers.computeIfAbsent(method, m -> build(embedder, m));
        }
    }

    public EmbeddedBackend(ModelSpec model, BackendContext context) {
        this(model, context, LangChain4jEmbedder::load);
    }

    EmbeddedBackend(ModelSpec model, BackendContext context, Function<EmbeddingModelCatalog.Entry, TextEmbedder> loader) {
        this.model = model;
        this.context = context;
        this.loader = loader;
        String[] parts = model.name().split(":", 2);
        this.entry = EmbeddingModelCatalog.find(parts[0]).orElseThrow(() -> LabelbenchException.usage("model '"
                + model.id() + "': unknown embedding model '" + parts[0] + "' (use one of " + knownNames() + ")"));
        String method = parts.length > 1 ? parts[1].strip() : "";
        int parsedK = DEFAULT_K;
        if (method.toLowerCase(java.util.Locale.ROOT).startsWith("knn-")) {
            try {
                parsedK = Integer.parseInt(method.substring(4));
            } catch (NumberFormatException e) {
                parsedK = 0;
            }
            if (parsedK < 1) {
                throw LabelbenchException.usage("model '" + model.id() + "': '" + method
                        + "' needs a positive whole number of neighbours, e.g. knn-10");
            }
            method = "knn";
        }
        try {
            this.requestedMethod = ClassifierMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw LabelbenchException.usage("model '" + model.id() + "': " + e.getMessage());
        }
        this.k = parsedK;
        if ((requestedMethod == ClassifierMethod.CENTROID || requestedMethod == ClassifierMethod.KNN)
                && context.trainingExamples().isEmpty()) {
            throw LabelbenchException.usage("model '" + model.id() + "': the " + requestedMethod.id()
                    + " method learns from labelled examples; name an examples file or train split in the eval,"
                    + " or use embedded:" + entry.name() + " (zero-shot)");
        }
    }

    private static String knownNames() {
        return String.join(", ", EmbeddingModelCatalog.entries().stream().map(EmbeddingModelCatalog.Entry::name).toList())
                + " or default";
    }

    /**
     * The method used for a request: {@code AUTO} follows the template, as an LLM would: nearest centroid of the
     * labelled examples when the template shows them (a few-shot template) and there are some, zero-shot otherwise.
     */
    public ClassifierMethod methodFor(GenerationRequest request) {
        if (requestedMethod != ClassifierMethod.AUTO) {
            return requestedMethod;
        }
        return request.showsExamples() && !context.trainingExamples().isEmpty()
                ? ClassifierMethod.CENTROID : ClassifierMethod.ZERO_SHOT;
    }

    /** The method as configured ({@code auto} until a request decides). */
    public ClassifierMethod method() {
        return requestedMethod;
    }

    @Override
    public ModelSpec model() {
        return model;
    }

    @Override
    public List<String> preflight() {
        if (!EmbeddingModelCatalog.available(entry)) {
            return List.of("model '" + model.id() + "': embedding model '" + entry.name() + "' is not in this build;"
                    + " add the Maven dependency " + entry.dependency() + " to pom.xml, or use embedded:default");
        }
        return List.of();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("embedding_model", entry.name());
        info.put("about", entry.description());
        info.put("artifact", entry.dependency());
        info.put("method", requestedMethod == ClassifierMethod.AUTO
                ? "auto: centroid for templates that show the examples, zero-shot for the others" : requestedMethod.id());
        if (requestedMethod == ClassifierMethod.KNN) {
            info.put("k", k);
        }
        info.put("training_examples", context.trainingExamples().size());
        info.put("digest", digest());
        return info;
    }

    /**
     * What the answers depend on besides the request, for the response cache: the model artifact, labelbench's own
     * version (the classifier is our code), the method, and the labels with their descriptions and the training
     * examples (editing a description or the examples file must not return old answers).
     */
    private String digest() {
        StringBuilder material = new StringBuilder();
        material.append(entry.dependency()).append('\u0000')
                .append(EmbeddedBackend.class.getPackage().getImplementationVersion()).append('\u0000')
                .append(requestedMethod.id()).append('\u0000').append(k).append('\u0000');
        for (Label label : context.labels().labels()) {
            material.append(label).append('\u0000');
        }
        for (Example example : context.trainingExamples()) {
            material.append(example.gold()).append('\u0001').append(example.text()).append('\u0000');
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(material.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        long start = System.nanoTime();
        Double loadMs = null;
        Loaded ready = loaded;
        if (ready == null) {
            ready = load();
            loadMs = ready.loadMs();
        }
        Example example = request.example();
        if (example == null || example.text() == null || example.text().isBlank()) {
            throw new BackendException("model " + model.id() + ": example "
                    + (example == null ? "(none)" : "'" + example.id() + "'") + " has no text to classify", false, 0);
        }
        TextEmbedder.Embedded embedded;
        try {
            embedded = ready.embedder().embed(example.text());
        } catch (RuntimeException e) {
            throw new BackendException("model " + model.id() + ": embedding failed for example '" + example.id()
                    + "': " + e.getMessage(), false, 0, e);
        }
        Classification result = ready.classifier(methodFor(request)).classify(embedded.vector());
        double latencyMs = (System.nanoTime() - start) / 1e6;
        return new Reply(result.label(), null, "stop", latencyMs, embedded.tokens(), null, loadMs, null, null,
                List.of(asLogprobs(result)));
    }

    /** Loads the model and builds the classifier once; concurrent first callers wait for the one load. */
    private synchronized Loaded load() throws BackendException {
        if (loaded != null) {
            return loaded;
        }
        long start = System.nanoTime();
        TextEmbedder embedder;
        try {
            embedder = loader.apply(entry);
        } catch (RuntimeException e) {
            throw new BackendException("model " + model.id() + ": " + e.getMessage(), false, 0, e);
        }
        Loaded ready = new Loaded(embedder, (System.nanoTime() - start) / 1e6);
        loaded = ready;
        return ready;
    }

    private EmbeddingClassifier build(TextEmbedder embedder, ClassifierMethod method) {
        LabelSet labels = context.labels();
        List<String> names = labels.names();
        List<String> labelTexts = new ArrayList<>();
        for (Label label : labels.labels()) {
            labelTexts.add(labelText(label));
        }
        List<float[]> labelVectors = embedder.embedAll(labelTexts);
        return switch (method) {
            case ZERO_SHOT, AUTO -> EmbeddingClassifier.zeroShot(names, labelVectors);
            case CENTROID -> EmbeddingClassifier.centroid(names, labelVectors, training(embedder, labels));
            case KNN -> EmbeddingClassifier.knn(names, training(embedder, labels), k);
        };
    }

    private List<EmbeddingClassifier.LabelledVector> training(TextEmbedder embedder, LabelSet labels) {
        List<String> texts = new ArrayList<>();
        List<String> golds = new ArrayList<>();
        for (Example example : context.trainingExamples()) {
            String gold = labels.resolve(example.gold()).orElse(null);
            if (gold != null && example.text() != null && !example.text().isBlank()) {
                texts.add(example.text());
                golds.add(gold);
            }
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<EmbeddingClassifier.LabelledVector> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            out.add(new EmbeddingClassifier.LabelledVector(golds.get(i), vectors.get(i)));
        }
        return out;
    }

    /**
     * What stands for a label in zero-shot mode: its name in words ({@code sci_tech} -> {@code sci tech}), followed
     * by its description when the config gives one.
     */
    static String labelText(Label label) {
        String words = label.name().replace('_', ' ').replace('-', ' ').strip();
        return label.description().isBlank() ? words : words + ": " + label.description().strip();
    }

    private static TokenLogprob asLogprobs(Classification result) {
        List<TokenLogprob.Alternative> alternatives = new ArrayList<>();
        result.probabilities().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> alternatives.add(new TokenLogprob.Alternative(e.getKey(), logOf(e.getValue()))));
        return new TokenLogprob(result.label(), logOf(result.probabilities().get(result.label())), alternatives);
    }

    private static double logOf(double probability) {
        return Math.log(Math.max(probability, MIN_PROBABILITY));
    }
}
