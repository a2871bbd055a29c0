package dev.labelbench.scoring;

import dev.labelbench.backend.TokenScorer;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A model given as a table: the next-token distribution after each forced token sequence (keyed by the tokens'
 * texts joined with {@code |}), and optionally a tokenizer. Lists only the top {@code k} alternatives asked for, as a
 * server does, and logs every request so tests can count them.
 */
final class FakeTokenScorer implements TokenScorer {
    private final Map<String, Map<String, Double>> probabilities = new HashMap<>();
    private final Function<String, List<Token>> tokenizer;
    private final int maxTopK;
    final List<String> requests = new ArrayList<>();

    FakeTokenScorer(Function<String, List<Token>> tokenizer, int maxTopK) {
        this.tokenizer = tokenizer;
        this.maxTopK = maxTopK;
    }

    /** After the forced tokens {@code prefix} ("" for none), the next token is {@code token} with probability p. */
    FakeTokenScorer next(String prefix, String token, double p) {
        probabilities.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(token, p);
        return this;
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public List<String> preflight() {
        return List.of();
    }

    @Override
    public Session open(Prompt prompt, GenerationOptions options) {
        return new Session() {
            private int count;

            @Override
            public Optional<List<List<Token>>> tokenize(List<String> continuations) {
                if (tokenizer == null) {
                    return Optional.empty();
                }
                return Optional.of(continuations.stream().map(tokenizer).toList());
            }

            @Override
            public Alternatives next(List<Token> forced, int topK) {
                String key = String.join("|", forced.stream().map(Token::text).toList());
                requests.add(key + "@" + topK);
                count++;
                Map<String, Double> distribution = probabilities.getOrDefault(key, Map.of());
                List<Alternative> top = new ArrayList<>();
                distribution.entrySet().stream()
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .limit(topK)
                        .forEach(e -> top.add(new Alternative(new Token(idOf(e.getKey()), e.getKey()),
                                Math.log(e.getValue()))));
                return new Alternatives(top);
            }

            @Override
            public int maxTopK() {
                return maxTopK;
            }

            @Override
            public int requests() {
                return count;
            }
        };
    }

    /** With a tokenizer, tokens have ids (a stable number per text); without, they are known by text only. */
    private int idOf(String text) {
        return tokenizer == null ? -1 : Math.abs(text.hashCode() % 100_000);
    }

    /** A tokenizer that splits at '/' and gives every piece an id as {@link #idOf} does. */
    static List<Token> split(String text) {
        List<Token> out = new ArrayList<>();
        for (String piece : text.split("/")) {
            out.add(new Token(Math.abs(piece.hashCode() % 100_000), piece));
        }
        return out;
    }
}
