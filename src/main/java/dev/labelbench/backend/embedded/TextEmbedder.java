package dev.labelbench.backend.embedded;

import java.util.List;

/** Turns texts into embedding vectors. Implementations are thread-safe. */
public interface TextEmbedder {

    /** One text's vector and how many tokens the model read (null when unknown). */
    record Embedded(float[] vector, Integer tokens) {
    }

    Embedded embed(String text);

    /** Embeds many texts at once (may be faster than one by one). */
    List<float[]> embedAll(List<String> texts);
}
