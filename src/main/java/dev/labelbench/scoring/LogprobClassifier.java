package dev.labelbench.scoring;

import dev.labelbench.backend.BackendException;
import dev.labelbench.backend.TokenScorer;
import dev.labelbench.backend.TokenScorer.Alternatives;
import dev.labelbench.backend.TokenScorer.Token;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelScoring;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies one example from the model's own probabilities ({@code scoring: logprob}).
 *
 * <p>Every label is written out in its likely forms ({@code positive}, {@code Positive}, {@code " positive"}) and each
 * form is split into tokens, by the server's tokenizer in the prompt's context where it has one, else by following the
 * model's own most probable tokens that spell the form. The forms' token sequences make a prefix tree: labels that
 * share first tokens ({@code " ne"} for {@code negative} and {@code neutral} in a small vocabulary) share its nodes.
 * One next-token request per tree node (the prompt plus the node's tokens, teacher-forced) gives the probability of
 * each child token; a form's probability is the product over its tokens. Where one form is a prefix of another
 * ({@code not} and {@code not_entailment}), the shorter keeps only the mass that does not continue into the longer.
 * A label's probability is the sum over its forms; the labels are then renormalised to sum to 1, and the mass that
 * fell outside the label set is recorded.
 *
 * <p>Thread-safe: each call opens its own session on the scorer.
 */
public final class LogprobClassifier {
    public static final String METHOD = "logprob";

    private final TokenScorer scorer;
    private final ScoringOptions options;

    public LogprobClassifier(TokenScorer scorer, ScoringOptions options) {
        this.scorer = scorer;
        this.options = options;
    }

    public TokenScorer scorer() {
        return scorer;
    }

    public LabelDistribution classify(Prompt prompt, LabelSet labels, GenerationOptions generation)
            throws BackendException {
        TokenScorer.Session session = scorer.open(prompt, generation);
        List<SurfaceForms.Form> forms = SurfaceForms.of(labels, prompt, options);
        Steps steps = new Steps(session, options.topK());

        List<String> texts = forms.stream().map(SurfaceForms.Form::text).toList();
        Optional<List<List<Token>>> tokenized = session.tokenize(texts);
        List<TokenPath> paths = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            paths.add(tokenized.isPresent()
                    ? new TokenPath(tokenized.get().get(i), true)
                    : discover(forms.get(i).text(), steps));
        }

        Trie trie = new Trie();
        for (TokenPath path : paths) {
            trie.add(path.tokens());
        }
        List<LabelScoring.Form> scored = new ArrayList<>();
        Map<String, Double> mass = new LinkedHashMap<>();
        labels.names().forEach(name -> mass.put(name, 0.0));
        double inSet = 0;
        for (int i = 0; i < forms.size(); i++) {
            FormScore score = score(paths.get(i), trie, steps);
            SurfaceForms.Form form = forms.get(i);
            scored.add(new LabelScoring.Form(form.label(), form.text(),
                    paths.get(i).tokens().stream().map(Token::text).toList(),
                    Double.isInfinite(score.logprob()) ? null : score.logprob(), score.bounded()));
            double p = Math.exp(score.logprob());
            mass.merge(form.label(), p, Double::sum);
            inSet += p;
        }

        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (String name : labels.names()) {
            probabilities.put(name, inSet > 0 ? mass.get(name) / inSet : 1.0 / labels.size());
        }
        double outside = Math.min(1.0, Math.max(0.0, 1.0 - inSet));
        String predicted = new LabelDecision(labels, options.threshold(), options.positiveLabel())
                .decide(labels.names(), probabilities);
        return new LabelDistribution(probabilities, predicted,
                new LabelScoring(METHOD, outside, scored, session.requests()));
    }

    /**
     * Without a tokenizer, the tokens of a form are found by asking the model: at each step, the longest of its top
     * alternatives that the rest of the form starts with (the split its tokenizer most likely makes). When none does,
     * the path stops there, incomplete.
     */
    private static TokenPath discover(String text, Steps steps) throws BackendException {
        List<Token> path = new ArrayList<>();
        String remaining = text;
        while (!remaining.isEmpty()) {
            Alternatives alternatives = steps.at(path, List.of()).alternatives();
            Token best = null;
            for (TokenScorer.Alternative alternative : alternatives.top()) {
                String piece = alternative.token().text();
                if (!piece.isEmpty() && remaining.startsWith(piece)
                        && (best == null || piece.length() > best.text().length())) {
                    best = alternative.token();
                }
            }
            if (best == null) {
                return new TokenPath(path, false);
            }
            path.add(best);
            remaining = remaining.substring(best.text().length());
        }
        return new TokenPath(path, true);
    }

    private FormScore score(TokenPath path, Trie trie, Steps steps) throws BackendException {
        double logprob = 0;
        boolean bounded = false;
        List<Token> prefix = new ArrayList<>();
        Trie.Node node = trie.root;
        for (Token token : path.tokens()) {
            Steps.Step step = steps.at(prefix, node.childTokens());
            logprob += step.logprob(token);
            bounded |= step.bounds(token);
            prefix.add(token);
            node = node.child(token);
        }
        if (!path.complete()) {
            // The form's next token was not among the alternatives: it is at most as probable as the last one listed.
            Steps.Step step = steps.at(prefix, List.of());
            return new FormScore(logprob + step.unlisted(), !step.complete());
        }
        if (!node.children.isEmpty()) {
            Steps.Step step = steps.at(prefix, node.childTokens());
            double continuing = 0;
            for (Token child : node.childTokens()) {
                continuing += Math.exp(step.logprob(child));
            }
            logprob += Math.log(Math.max(0.0, 1.0 - continuing));
        }
        return new FormScore(logprob, bounded);
    }

    record TokenPath(List<Token> tokens, boolean complete) {
        TokenPath {
            tokens = List.copyOf(tokens);
        }
    }

    record FormScore(double logprob, boolean bounded) {
    }

    /** The forms' token sequences as a prefix tree; tokens are keyed by id when known, else by text. */
    static final class Trie {
        final Node root = new Node();

        void add(List<Token> tokens) {
            Node node = root;
            for (Token token : tokens) {
                node = node.children.computeIfAbsent(key(token), k -> new Node(token));
            }
        }

        static String key(Token token) {
            return token.id() >= 0 ? "#" + token.id() : "'" + token.text();
        }

        static final class Node {
            final Token token;
            final Map<String, Node> children = new LinkedHashMap<>();

            Node() {
                this(null);
            }

            Node(Token token) {
                this.token = token;
            }

            Node child(Token token) {
                return children.get(key(token));
            }

            List<Token> childTokens() {
                return children.values().stream().map(n -> n.token).toList();
            }
        }
    }

    /**
     * The next-token distributions asked for so far in one session, so a node shared by several labels costs one
     * request. Starts with the configured number of alternatives; if a token that must be scored is not among them,
     * asks once more with the server's maximum.
     */
    static final class Steps {
        private final TokenScorer.Session session;
        private final int topK;
        private final Map<List<String>, Step> cache = new LinkedHashMap<>();

        Steps(TokenScorer.Session session, int topK) {
            this.session = session;
            this.topK = Math.min(topK, session.maxTopK());
        }

        Step at(List<Token> prefix, List<Token> wanted) throws BackendException {
            List<String> key = prefix.stream().map(Trie::key).toList();
            Step step = cache.get(key);
            if (step == null) {
                step = new Step(session.next(List.copyOf(prefix), topK), topK);
                cache.put(key, step);
            }
            if (step.asked() < session.maxTopK() && !step.complete() && !step.listsAll(wanted)) {
                step = new Step(session.next(List.copyOf(prefix), session.maxTopK()), session.maxTopK());
                cache.put(key, step);
            }
            return step;
        }

        /**
         * One next-token distribution and how many alternatives were asked for. A list shorter than that is complete:
         * the server listed every token with any probability, so a token not listed has none.
         */
        record Step(Alternatives alternatives, int asked) {
            boolean complete() {
                return alternatives.top().size() < asked;
            }

            boolean listsAll(List<Token> tokens) {
                return tokens.stream().allMatch(t -> alternatives.find(t).isPresent());
            }

            /** The token's log-probability; an upper bound (the least listed) when it is not listed. */
            double logprob(Token token) {
                return alternatives.find(token).map(TokenScorer.Alternative::logprob).orElseGet(this::unlisted);
            }

            boolean bounds(Token token) {
                return alternatives.find(token).isEmpty() && !complete();
            }

            double unlisted() {
                return complete() ? Double.NEGATIVE_INFINITY : alternatives.floor();
            }
        }
    }
}
