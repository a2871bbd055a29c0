package dev.labelbench.cache;

import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.ModelSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a reply: a SHA-256 over everything that determines what the model answers: backend kind, model name
 * and the digest the server reports for it (so a re-pulled model is asked again), the full rendered prompt, the labels
 * a constrained request is held to, the logprob request, the effective generation options, the example text
 * (backends such as the embedded baseline classify it directly) and whether the template shows the few-shot examples
 * (the embedded baseline learns from them only then). Not in the key: the server URL (several machines may
 * serve one model), the template's name (renaming a template must not re-ask), the example id. {@code model} (the
 * {@code kind:name} id) is kept beside the hash only so {@code cache stats} can count entries per model.
 */
public record CacheKey(String hash, String model) {
    /** Bump when the key's layout changes, so old entries are never mistaken for new ones. */
    private static final int LAYOUT_VERSION = 2;

    public static CacheKey of(ModelSpec model, String digest, GenerationRequest request) {
        // Each part is written length-first, so no two different requests can serialize to the same text. Records'
        // toString lists every component, so a field added to the options or labels changes the key (safe side).
        StringBuilder material = new StringBuilder(512);
        part(material, Integer.toString(LAYOUT_VERSION));
        part(material, model.kind());
        part(material, model.name());
        part(material, digest);
        part(material, request.prompt().kind().name());
        part(material, Integer.toString(request.prompt().messages().size()));
        for (ChatMessage message : request.prompt().messages()) {
            part(material, message.role());
            part(material, message.content());
        }
        part(material, request.prompt().text());
        part(material, request.constrainTo() == null ? null : request.constrainTo().labels().toString());
        part(material, request.topLogprobs() == null ? null : request.topLogprobs().toString());
        part(material, request.options() == null ? null : request.options().toString());
        part(material, request.example() == null ? null : request.example().text());
        part(material, Boolean.toString(request.showsExamples()));
        byte[] hash = sha256().digest(material.toString().getBytes(StandardCharsets.UTF_8));
        return new CacheKey(HexFormat.of().formatHex(hash), model.id());
    }

    private static void part(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
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
