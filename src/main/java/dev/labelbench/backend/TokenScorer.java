package dev.labelbench.backend;

import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.Prompt;

import java.util.List;
import java.util.Optional;

/**
 * Next-token probabilities from a model, which is all that logprob scoring ({@code scoring: logprob}) needs from a
 * server: the probabilities of the next token after a prompt followed by some forced tokens (teacher forcing), and,
 * where the server can tokenize, how label words split into tokens after that prompt. Implementations are
 * thread-safe; one {@link Session} serves one example on one thread.
 */
public interface TokenScorer {

    /** The server and model, for messages: {@code llama.cpp server at http://127.0.0.1:8080}. */
    String describe();

    /**
     * Checks once, before the first example, that this server can give token probabilities (reachable, new enough,
     * really returns them). Returns every problem found, each naming the URL or model and what to do; empty when fine.
     */
    List<String> preflight();

    /** Starts scoring one rendered prompt. */
    Session open(Prompt prompt, GenerationOptions options) throws BackendException;

    /** Scoring of one prompt: the prompt is rendered (and tokenized, where the server can) once. */
    interface Session {

        /**
         * How each continuation splits into tokens when it follows the prompt (tokenized in context, so the leading
         * space of {@code " positive"} lands where the model's tokenizer puts it), or empty when the server offers no
         * tokenizer; the caller then discovers the tokens from the model's own top alternatives.
         */
        Optional<List<List<Token>>> tokenize(List<String> continuations) throws BackendException;

        /** The most probable next tokens after the prompt followed by {@code forced}, at most {@code topK} of them. */
        Alternatives next(List<Token> forced, int topK) throws BackendException;

        /** The largest {@code topK} this server honours (20 for OpenAI-style APIs and Ollama). */
        int maxTopK();

        /** How many requests this session has sent, for the record. */
        int requests();
    }

    /** A token as the server names it: its id when the server reports ids ({@code -1} otherwise) and its text. */
    record Token(int id, String text) {
        public static Token ofText(String text) {
            return new Token(-1, text);
        }

        /** Same token: by id when both ids are known, else by text. */
        public boolean sameAs(Token other) {
            return id >= 0 && other.id >= 0 ? id == other.id : text.equals(other.text);
        }
    }

    /** The top alternatives for one next token, most probable first, with their natural-log probabilities. */
    record Alternatives(List<Alternative> top) {
        public Alternatives {
            top = List.copyOf(top);
        }

        public Optional<Alternative> find(Token token) {
            return top.stream().filter(a -> a.token().sameAs(token)).findFirst();
        }

        /** The log-probability of the least probable alternative listed: an upper bound for any token not listed. */
        public double floor() {
            return top.stream().mapToDouble(Alternative::logprob).min().orElse(Double.NEGATIVE_INFINITY);
        }
    }

    record Alternative(Token token, double logprob) {
    }
}
