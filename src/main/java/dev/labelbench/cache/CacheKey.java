package dev.labelbench.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Label;
import dev.labelbench.core.ModelSpec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a reply: a SHA-256 over everything that determines what the model answers: backend kind, model name
 * and the digest the server reports for it (so a re-pulled model is asked again), the full rendered prompt, the labels
 * a constrained request is held to, the logprob request, the effective generation options, and the example text
 * (backends such as the embedded baseline classify it directly). Not in the key: the server URL (several machines may
 * serve one model), the template's name (renaming a template must not re-ask), the example id. {@code model} (the
 * {@code kind:name} id) is kept beside the hash only so {@code cache stats} can count entries per model.
 */
public record CacheKey(String hash, String model) {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The serialized material, versioned so a change of key layout never reuses old entries. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Material(
            int version,
            String kind,
            String model,
            String digest,
            @JsonProperty("prompt_kind") String promptKind,
            List<ChatMessage> messages,
            String text,
            @JsonProperty("constrain_to") List<Label> constrainTo,
            @JsonProperty("top_logprobs") Integer topLogprobs,
            GenerationOptions options,
            @JsonProperty("example_text") String exampleText) {
    }

    public static CacheKey of(ModelSpec model, String digest, GenerationRequest request) {
        Material material = new Material(1, model.kind(), model.name(), digest, request.prompt().kind().name(),
                request.prompt().messages(), request.prompt().text(),
                request.constrainTo() == null ? null : request.constrainTo().labels(), request.topLogprobs(),
                request.options(), request.example() == null ? null : request.example().text());
        try {
            byte[] bytes = CANONICAL.writeValueAsBytes(material);
            return new CacheKey(HexFormat.of().formatHex(sha256().digest(bytes)), model.id());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a cache key", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hash;
    }
}
