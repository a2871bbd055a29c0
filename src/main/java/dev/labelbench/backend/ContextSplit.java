package dev.labelbench.backend;

import dev.labelbench.backend.TokenScorer.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the prompt ends and each label begins, in tokens. A label is tokenized together with the prompt, because a
 * tokenizer splits a word differently after a space, a colon or a newline (Llama-2: {@code "Label: neutral"} ends in
 * {@code " neutral"}, {@code "Label:neutral"} in {@code "neut" "ral"}). The context is the longest token prefix that
 * the prompt shares with every prompt+label; where a tokenizer merged the prompt's last token with a label's first
 * characters, the context stops before that token for all labels, so all are scored from the same point.
 */
public record ContextSplit(List<Token> context, List<List<Token>> continuations) {

    public ContextSplit {
        context = List.copyOf(context);
        continuations = continuations.stream().map(List::copyOf).toList();
    }

    /** {@code prompt}: the prompt's tokens; {@code withContinuations}: the tokens of prompt+label, one per label. */
    public static ContextSplit of(List<Token> prompt, List<List<Token>> withContinuations) {
        int shared = prompt.size();
        for (List<Token> tokens : withContinuations) {
            shared = Math.min(shared, commonPrefix(prompt, tokens));
        }
        List<List<Token>> continuations = new ArrayList<>();
        for (List<Token> tokens : withContinuations) {
            continuations.add(tokens.subList(shared, tokens.size()));
        }
        return new ContextSplit(prompt.subList(0, shared), continuations);
    }

    private static int commonPrefix(List<Token> a, List<Token> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).id() == b.get(i).id()) {
            i++;
        }
        return i;
    }
}
