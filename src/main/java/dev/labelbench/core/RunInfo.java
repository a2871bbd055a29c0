package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What a run was: written as {@code run.json} beside {@code results.jsonl} when the run starts, so reports and
 * {@code compare} can say exactly what was measured without the original config.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(
        String name,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("labelbench_version") String labelbenchVersion,
        Dataset dataset,
        List<Label> labels,
        List<Model> models,
        List<Template> templates,
        String parse,
        GenerationOptions options,
        BinaryDecision decision) {

    public RunInfo(String name, String createdAt, String labelbenchVersion, Dataset dataset, List<Label> labels,
                   List<Model> models, List<Template> templates, String parse, GenerationOptions options) {
        this(name, createdAt, labelbenchVersion, dataset, labels, models, templates, parse, options, null);
    }

    /** The dataset as evaluated (after limit and sampling): where it came from and its label distribution. */
    public record Dataset(String path, int rows, @JsonProperty("label_counts") Map<String, Integer> labelCounts) {
    }

    /** A model with the options in force for it and what its server reported (digest, quantization, size...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, String kind, String name, List<String> urls, GenerationOptions options,
                        boolean constrained, Map<String, Object> details) {
    }

    /** A prompt template as it was when the run started. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(String name, String path, String kind, String system, String user) {
    }

    public LabelSet labelSet() {
        return new LabelSet(labels);
    }
}
