package dev.labelbench.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object in a reply the way models actually write one: bare, in a ```json fence, or with prose before
 * and after it; single quotes, unquoted names and trailing commas are forgiven.
 */
final class JsonAnswer {
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*(.*?)```", Pattern.DOTALL);
    private static final int MAX_ATTEMPTS = 20;

    private JsonAnswer() {
    }

    /** The first JSON object in the reply: inside a code fence if there is one, else anywhere in the text. */
    static Optional<JsonNode> find(String text) {
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> inFence = firstObject(fence.group(1));
            if (inFence.isPresent()) {
                return inFence;
            }
        }
        return firstObject(text);
    }

    private static Optional<JsonNode> firstObject(String text) {
        int from = text.indexOf('{');
        for (int attempt = 0; from >= 0 && attempt < MAX_ATTEMPTS; attempt++) {
            try (JsonParser parser = LENIENT.createParser(text.substring(from))) {
                JsonNode node = LENIENT.readTree(parser);
                if (node != null && node.isObject()) {
                    return Optional.of(node);
                }
            } catch (IOException notJsonHere) {
                // Prose with a brace in it, or a cut-off object: try the next brace.
            }
            from = text.indexOf('{', from + 1);
        }
        return Optional.empty();
    }

    /** The text at a dotted path ("label", "result.label"), when it is a scalar. */
    static Optional<String> field(JsonNode object, String path) {
        JsonNode node = object;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isContainerNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }
}
