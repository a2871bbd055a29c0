package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The log-probability of one generated token, with the most likely alternatives at that position when asked for. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
    public record Alternative(String token, double logprob) {
    }

    public TokenLogprob {
        top = top == null ? List.of() : List.copyOf(top);
    }
}
