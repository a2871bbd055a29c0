package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How a label distribution was obtained by {@code scoring: logprob}: every surface form scored for every label (the
 * label as written, capitalised, with a leading space...), the tokens it was scored on, and the probability mass the
 * model put on answers outside the label set. Stored with the prediction in {@code results.jsonl} so a surprising
 * distribution can be traced back to the tokens behind it.
 *
 * <ul>
 *   <li>{@code outsideMass}: 1 minus the summed probability of all label forms, before renormalising over the labels.
 *   <li>{@code forms}: one entry per scored form; {@code logprob} is the natural log of the mass attributed to that
 *       form (the product of its token probabilities, less what continues into a longer label that starts with it).
 *   <li>{@code requests}: how many next-token requests the server answered for this example.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelScoring(
        String method,
        @JsonProperty("outside_mass") double outsideMass,
        List<Form> forms,
        Integer requests) {

    public LabelScoring {
        forms = forms == null ? List.of() : List.copyOf(forms);
    }

    /**
     * One way a label can be written, as scored. {@code bounded} is true when a token of it was not among the top
     * alternatives the server returned, so {@code logprob} is an upper bound (the least probable alternative listed),
     * not the exact value.
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Form(String label, String text, List<String> tokens, Double logprob, boolean bounded) {
        public Form {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }
}
