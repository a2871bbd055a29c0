package dev.labelbench.run;

import dev.labelbench.backend.BackendException;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.prompt.TemplateRenderer;
import dev.labelbench.scoring.LabelDistribution;
import dev.labelbench.scoring.LogprobClassifier;
import dev.labelbench.scoring.ScoringOptions;
import dev.labelbench.scoring.TokenScorers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells scored from probabilities ({@code scoring: logprob}, per run or per template): opens a classifier for
 * every model before the first example, so a backend that cannot give token probabilities (gguf, embedded) or a
 * server that does not return them fails the run at once, and turns each example's label distribution into a
 * prediction.
 */
final class LogprobCells {
    static final String LOGPROB = "logprob";

    private final Map<String, LogprobClassifier> byModel;

    private LogprobCells(Map<String, LogprobClassifier> byModel) {
        this.byModel = byModel;
    }

    static String scoringFor(RunPlan plan, TemplateRenderer template) {
        String own = template.template().scoring();
        return own != null ? own : plan.scoring() == null ? "generate" : plan.scoring();
    }

    /** The configured positive label under its canonical name (an alias may be given). */
    private static String positiveLabel(RunPlan plan) {
        String given = plan.decision().positiveLabel();
        return given == null ? null : plan.labels().resolve(given).orElse(given);
    }

    /** Classifiers for every model when any template scores by logprob; checks each server can score. */
    static LogprobCells open(RunPlan plan, BackendSettings settings) {
        boolean any = plan.templates().stream().anyMatch(t -> LOGPROB.equals(scoringFor(plan, t)));
        Map<String, LogprobClassifier> classifiers = new LinkedHashMap<>();
        if (!any) {
            return new LogprobCells(classifiers);
        }
        List<String> problems = new ArrayList<>();
        for (ModelSpec model : plan.models()) {
            try {
                var scorer = TokenScorers.forModel(model, settings);
                problems.addAll(scorer.preflight());
                classifiers.put(model.id(), new LogprobClassifier(scorer, ScoringOptions.DEFAULTS.withThreshold(plan.decision().threshold(),
                        positiveLabel(plan))));
            } catch (LabelbenchException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw LabelbenchException.input(String.join("\n", problems));
        }
        return new LogprobCells(classifiers);
    }

    Prediction predict(ModelSpec model, String template, Example example, Prompt prompt, RunPlan plan,
                       GenerationOptions options) {
        long start = System.nanoTime();
        try {
            LabelDistribution d = byModel.get(model.id()).classify(prompt, plan.labels(), options);
            Reply reply = Reply.ofText("", (System.nanoTime() - start) / 1e6);
            return new Prediction(example.id(), model.id(), template, example.text(), example.gold(), d.predicted(),
                    LOGPROB, reply, null, d.probabilities(), d.scoring());
        } catch (BackendException e) {
            return new Prediction(example.id(), model.id(), template, example.text(), example.gold(), null, null, null,
                    e.getMessage(), null);
        }
    }
}
