package dev.labelbench.backend;

import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Reply;

import java.util.List;

/**
 * One model on one kind of server (or in-process). Implementations are thread-safe: the run engine calls
 * {@link #generate} from several threads at once.
 */
public interface Backend extends AutoCloseable {

    /** The model this backend talks to. */
    ModelSpec model();

    /**
     * Checks once, before the first example, that the server is reachable and has the model. Returns every problem
     * found (each naming the URL or model and what to do); empty when all is well.
     */
    List<String> preflight();

    /**
     * {@link #preflight()} plus what needs the run's prompts: does the longest rendered prompt (with its options: the
     * context size and the token budget) fit the model's context? The run engine calls this once per model with the
     * longest prompt it will send. Backends without a notion of context keep this default.
     */
    default List<String> preflight(GenerationRequest longestRequest) {
        return preflight();
    }

    /** Sends one prompt and returns the reply; throws {@link BackendException} when no reply could be had. */
    Reply generate(GenerationRequest request) throws BackendException;

    /** What the server says about the model (digest, quantization, size, context...), for reports; may be empty. */
    default java.util.Map<String, Object> describe() {
        return java.util.Map.of();
    }

    @Override
    default void close() {
    }
}
