package dev.labelbench.backend.embedded;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * A LangChain4j in-process embedding model (ONNX Runtime) as a {@link TextEmbedder}. The model class is loaded by name
 * so that only the models whose jar is on the classpath are needed, and so that the ~100 MB model is read from its jar
 * only when {@link #load} is called (its static initializer does the loading).
 */
public final class LangChain4jEmbedder implements TextEmbedder {
    private static final String DJL_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl";

    private final EmbeddingModel model;
    private final String prefix;

    private LangChain4jEmbedder(EmbeddingModel model, String prefix) {
        this.model = model;
        this.prefix = prefix;
    }

    /** Loads the catalog entry's model; throws IllegalStateException naming the dependency when its jar is missing. */
    public static LangChain4jEmbedder load(EmbeddingModelCatalog.Entry entry) {
        // DJL's tokenizer logs GPU probing and a max-length notice at INFO/WARN on every load: noise
        // unless the user asked for everything (--verbose).
        String level = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        if (System.getProperty(DJL_LOG_LEVEL) == null && !level.equals("debug") && !level.equals("trace")) {
            System.setProperty(DJL_LOG_LEVEL, "error");
        }
        try {
            Class<?> type = Class.forName(entry.className(), true, LangChain4jEmbedder.class.getClassLoader());
            EmbeddingModel model = (EmbeddingModel) type.getDeclaredConstructor().newInstance();
            return new LangChain4jEmbedder(model, entry.textPrefix());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("embedding model '" + entry.name() + "' is not in this build; add the"
                    + " Maven dependency " + entry.dependency() + " to pom.xml", e);
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException | NoSuchMethodException
                 | ExceptionInInitializerError e) {
            throw new IllegalStateException("embedding model '" + entry.name() + "' could not be loaded: " + e, e);
        }
    }

    @Override
    public Embedded embed(String text) {
        Response<Embedding> response = model.embed(TextSegment.from(prefix + text));
        Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
        return new Embedded(response.content().vector(), tokens);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(prefix + text));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (Embedding embedding : model.embedAll(segments).content()) {
            vectors.add(embedding.vector());
        }
        return vectors;
    }
}
