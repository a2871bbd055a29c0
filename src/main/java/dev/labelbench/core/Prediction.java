package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * One line of {@code results.jsonl}: what one model, through one template, made of one example. {@code predicted} is a
 * canonical label or {@link LabelSet#INVALID}; {@code rule} says which parsing rule produced it. A request that failed
 * has {@code error} set and no reply; it is counted apart from invalid replies. {@code labelProbs} (a probability per
 * label, summing to 1) and {@code scoring} (the tokens and the mass outside the label set behind them) are set when the
 * label was read from the model's probabilities ({@code scoring: logprob}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(
        String id,
        String model,
        String template,
        String text,
        String gold,
        String predicted,
        String rule,
        Reply reply,
        String error,
        @JsonProperty("label_probs") Map<String, Double> labelProbs,
        LabelScoring scoring) {

    /** A prediction read from generated text, without logprob scoring details. */
    public Prediction(String id, String model, String template, String text, String gold, String predicted, String rule,
                      Reply reply, String error, Map<String, Double> labelProbs) {
        this(id, model, template, text, gold, predicted, rule, reply, error, labelProbs, null);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean invalid() {
        return error == null && LabelSet.INVALID.equals(predicted);
    }

    public boolean correct() {
        return error == null && gold.equals(predicted);
    }

    /** The cell this prediction belongs to. */
    public CellKey cell() {
        return new CellKey(model, template);
    }
}
