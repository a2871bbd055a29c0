package dev.labelbench.backend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.core.GenerationOptions;

/**
 * The sampling options that llama.cpp and OpenAI-compatible servers take under the same top-level names
 * ({@code temperature}, {@code seed}, {@code top_k}, {@code top_p}, {@code stop}); only the options that were set.
 */
final class SamplingFields {
    private SamplingFields() {
    }

    static void put(ObjectNode body, GenerationOptions options) {
        if (options.temperature() != null) {
            body.put("temperature", options.temperature());
        }
        if (options.seed() != null) {
            body.put("seed", options.seed());
        }
        if (options.topK() != null) {
            body.put("top_k", options.topK());
        }
        if (options.topP() != null) {
            body.put("top_p", options.topP());
        }
        if (options.stop() != null && !options.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            options.stop().forEach(stop::add);
        }
    }
}
