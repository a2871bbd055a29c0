package dev.labelbench.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labelbench.core.BinaryDecision;
import dev.labelbench.core.GenerationOptions;

import java.util.List;

/**
 * The eval YAML, as written by the user. Paths are relative to the file's folder. Every part may be overridden on
 * the command line ({@link RunOverrides}).
 *
 * <pre>
 * name: support-tickets
 * dataset: {path: support-tickets.csv, text: text, label: label, id: id, limit: 100, sample: {size: 30, seed: 1}}
 * labels: [billing, technical, {name: shipping, aliases: [delivery], description: "..."}]
 * prompts: [../prompts/zero-shot.yaml, ../prompts/few-shot.yaml]
 * few_shot: {path: support-tickets-examples.csv, per_label: 2, seed: 1}
 * models: [embedded:minilm, {id: "ollama:qwen2.5:0.5b", url: "http://localhost:11434", options: {max_tokens: 8}}]
 * options: {temperature: 0, seed: 42, max_tokens: 16}
 * parse: auto
 * decision: {positive_label: spam, target_recall: 0.9}   # binary tasks scored by logprob
 * </pre>
 */
public record EvalConfig(
        String name,
        DatasetEntry dataset,
        List<LabelEntry> labels,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> prompts,
        @JsonProperty("few_shot") FewShotEntry fewShot,
        List<ModelEntry> models,
        GenerationOptions options,
        String parse,
        @JsonProperty("parse_regex") String parseRegex,
        @JsonProperty("parse_field") String parseField,
        Boolean constrained,
        String scoring,
        Integer concurrency,
        String out,
        BinaryDecision decision) {

    public record DatasetEntry(
            String path,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> text,
            String label,
            String id,
            Integer limit,
            SampleEntry sample) {
    }

    public record SampleEntry(Integer size, Long seed) {
    }

    /** Few-shot examples: from a separate file (same columns as the dataset unless given). */
    public record FewShotEntry(
            String path,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> text,
            String label,
            @JsonProperty("per_label") Integer perLabel,
            Long seed) {
    }

    /** A label: a plain name, or an object with aliases and a description. */
    public record LabelEntry(String name, List<String> aliases, String description) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static LabelEntry ofName(String name) {
            return new LabelEntry(name, List.of(), null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static LabelEntry of(@JsonProperty("name") String name,
                                    @JsonProperty("aliases") List<String> aliases,
                                    @JsonProperty("description") String description) {
            return new LabelEntry(name, aliases, description);
        }
    }

    /** A model: {@code kind:name[@url]}, or an object with urls, options and per-model settings. */
    public record ModelEntry(String id, String url, List<String> urls, GenerationOptions options, Boolean constrained,
                             String apiKeyEnv, Integer concurrency) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ModelEntry ofId(String id) {
            return new ModelEntry(id, null, null, null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static ModelEntry of(@JsonProperty("id") String id,
                                    @JsonProperty("url") String url,
                                    @JsonProperty("urls") List<String> urls,
                                    @JsonProperty("options") GenerationOptions options,
                                    @JsonProperty("constrained") Boolean constrained,
                                    @JsonProperty("api_key_env") String apiKeyEnv,
                                    @JsonProperty("concurrency") Integer concurrency) {
            return new ModelEntry(id, url, urls, options, constrained, apiKeyEnv, concurrency);
        }
    }
}
