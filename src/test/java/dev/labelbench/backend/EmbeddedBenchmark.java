package dev.labelbench.backend;

import dev.labelbench.backend.embedded.EmbeddingModelCatalog;
import dev.labelbench.backend.embedded.LangChain4jEmbedder;
import dev.labelbench.backend.embedded.TextEmbedder;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.metrics.ClassificationScores;
import dev.labelbench.metrics.ConfusionMatrix;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prints examples/s and macro-F1 (95% bootstrap interval) of every embedding model in the build, zero-shot and
 * few-shot (nearest centroid, k-NN), on every CSV dataset in a folder. Not a test: run it by hand, see
 * notes/README-embedded.md for the command. Datasets larger than {@code --max} rows are evaluated on a stratified
 * sample of that size (seeded), and the few-shot examples ({@code --shots} per class) are drawn from outside it.
 *
 * <p>Arguments: {@code [--datasets DIR] [--max N] [--shots N] [--models a,b] [--methods zeroshot,centroid,knn]}.
 */
public final class EmbeddedBenchmark {
    private static final long SEED = 42;

    public static void main(String[] args) throws Exception {
        Path dir = dev.labelbench.SharedFiles.root().resolve("datasets");
        int max = 500;
        int shots = 8;
        List<String> models = null;
        List<String> methods = List.of("zeroshot", "centroid", "knn");
        List<String> only = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--datasets" -> dir = Path.of(args[i + 1]);
                case "--only" -> only = List.of(args[i + 1].split(","));
                case "--max" -> max = Integer.parseInt(args[i + 1]);
                case "--shots" -> shots = Integer.parseInt(args[i + 1]);
                case "--models" -> models = List.of(args[i + 1].split(","));
                case "--methods" -> methods = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<EmbeddingModelCatalog.Entry> entries = new ArrayList<>();
        for (EmbeddingModelCatalog.Entry entry : EmbeddingModelCatalog.entries()) {
            if ((models == null || models.contains(entry.name())) && EmbeddingModelCatalog.available(entry)) {
                entries.add(entry);
            }
        }
        List<Path> files;
        try (var stream = Files.list(dir)) {
            files = stream.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        if (only != null) {
            List<String> order = only;
            files = files.stream().filter(f -> order.stream().anyMatch(o -> f.getFileName().toString().startsWith(o)))
                    .sorted(java.util.Comparator.comparingInt(f -> indexOfPrefix(order, f.getFileName().toString())))
                    .toList();
        }
        System.out.printf("cores %d, max %d eval rows per dataset (stratified sample above that), %d shots per class, seed %d%n",
                Runtime.getRuntime().availableProcessors(), max, shots, SEED);
        System.out.println("| dataset | eval rows | model | method | macro-F1 [95% CI] | accuracy | examples/s | load+warm-up s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Path file : files) {
            List<Example> rows = read(file);
            Split split = split(rows, shots, max);
            LabelSet labels = LabelSet.ofNames(new ArrayList<>(new LinkedHashSet<>(
                    rows.stream().map(Example::gold).sorted().toList())));
            for (EmbeddingModelCatalog.Entry entry : entries) {
                // One load and one embedding per text per model: the few-shot methods reuse the zero-shot pass's
                // vectors, so examples/s is measured once, on the pass that really embeds (the zero-shot one).
                long loadStart = System.nanoTime();
                CachingEmbedder embedder = new CachingEmbedder(LangChain4jEmbedder.load(entry));
                embedder.embed("warm up");
                double loadMs = (System.nanoTime() - loadStart) / 1e6;
                for (String method : methods) {
                    boolean fewShot = !method.equals("zeroshot");
                    BackendContext context = new BackendContext(labels, fewShot ? split.train() : List.of());
                    ModelSpec spec = ModelSpec.parse("embedded:" + entry.name() + ":" + method);
                    try (EmbeddedBackend backend = new EmbeddedBackend(spec, context, e -> embedder)) {
                        Result result = evaluate(backend, labels, split.eval());
                        String speed = fewShot ? "(cached)" : String.format(Locale.ROOT, "%.1f", result.examplesPerSecond);
                        System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.3f [%.3f, %.3f] | %.3f | %s | %.1f |%n",
                                file.getFileName(), split.eval().size(), entry.name(), method + (fewShot ? " (" + shots + "/class)" : ""),
                                result.macroF1, result.low, result.high, result.accuracy, speed, loadMs / 1000);
                        System.out.flush();
                    }
                }
            }
        }
    }

    /** Remembers each text's embedding so the three methods embed every text once. */
    static final class CachingEmbedder implements TextEmbedder {
        private final TextEmbedder delegate;
        private final Map<String, TextEmbedder.Embedded> cache = new java.util.concurrent.ConcurrentHashMap<>();

        CachingEmbedder(TextEmbedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public Embedded embed(String text) {
            return cache.computeIfAbsent(text, delegate::embed);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String text : texts) {
                out.add(embed(text).vector());
            }
            return out;
        }
    }

    private static int indexOfPrefix(List<String> prefixes, String name) {
        for (int i = 0; i < prefixes.size(); i++) {
            if (name.startsWith(prefixes.get(i))) {
                return i;
            }
        }
        return prefixes.size();
    }

    record Split(List<Example> train, List<Example> eval) {
    }

    record Result(double macroF1, double low, double high, double accuracy, double examplesPerSecond, double loadMs) {
    }

    static Result evaluate(EmbeddedBackend backend, LabelSet labels, List<Example> eval) throws BackendException {
        int[] gold = new int[eval.size()];
        int[] predicted = new int[eval.size()];
        double loadMs = 0;
        long classifyNanos = 0;
        for (int i = 0; i < eval.size(); i++) {
            Example example = eval.get(i);
            long start = System.nanoTime();
            Reply reply = backend.generate(GenerationRequest.of(Prompt.completion("none", ""), example, GenerationOptions.DEFAULTS));
            long elapsed = System.nanoTime() - start;
            if (reply.loadMs() != null) {
                loadMs = reply.loadMs();
                elapsed -= (long) (reply.loadMs() * 1e6);
            }
            classifyNanos += elapsed;
            gold[i] = labels.indexOf(example.gold());
            predicted[i] = labels.indexOf(reply.text());
        }
        double macro = macroF1(labels, gold, predicted);
        double accuracy = ClassificationScores.of(ConfusionMatrix.of(labels.size(), gold, predicted), labels.names()).scores().accuracy();
        // The same interval labelbench reports: percentile bootstrap over the confusion matrix, 1,000 resamples.
        dev.labelbench.core.Interval interval = dev.labelbench.metrics.PercentileBootstrap
                .intervals(labels.names(), gold, predicted, dev.labelbench.metrics.StatisticsSettings.DEFAULT).get("macro_f1");
        return new Result(macro, interval.low(), interval.high(), accuracy,
                eval.size() / (classifyNanos / 1e9), loadMs);
    }

    private static double macroF1(LabelSet labels, int[] gold, int[] predicted) {
        return ClassificationScores.of(ConfusionMatrix.of(labels.size(), gold, predicted), labels.names()).scores().macroF1();
    }

    /** Few-shot examples first ({@code shots} per class, shuffled), then a stratified eval sample of the rest. */
    static Split split(List<Example> rows, int shots, int max) {
        List<Example> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(SEED));
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example row : shuffled) {
            byLabel.computeIfAbsent(row.gold(), k -> new ArrayList<>()).add(row);
        }
        List<Example> train = new ArrayList<>();
        List<Example> rest = new ArrayList<>();
        for (List<Example> group : byLabel.values()) {
            int n = Math.min(shots, group.size() - 1);
            train.addAll(group.subList(0, Math.max(n, 0)));
            rest.addAll(group.subList(Math.max(n, 0), group.size()));
        }
        if (rest.size() <= max) {
            return new Split(train, sortById(rest, rows));
        }
        List<Example> eval = new ArrayList<>();
        java.util.Set<Example> restSet = new java.util.HashSet<>(rest);
        for (List<Example> group : byLabel.values()) {
            List<Example> remaining = group.stream().filter(restSet::contains).toList();
            int take = Math.max(1, (int) Math.round((double) max * remaining.size() / rest.size()));
            eval.addAll(remaining.subList(0, Math.min(take, remaining.size())));
        }
        return new Split(train, sortById(eval, rows));
    }

    private static List<Example> sortById(List<Example> subset, List<Example> original) {
        List<Example> out = new ArrayList<>(original);
        out.retainAll(new LinkedHashSet<>(subset));
        return out;
    }

    static List<Example> read(Path file) throws IOException {
        List<Example> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            boolean hasTitle = parser.getHeaderMap().containsKey("title");
            for (CSVRecord record : parser) {
                String text = hasTitle ? record.get("title") + "\n" + record.get("text") : record.get("text");
                rows.add(new Example(record.get("id"), text, record.get("label"), record.toMap(), record.getRecordNumber() + 1));
            }
        }
        return rows;
    }
}
