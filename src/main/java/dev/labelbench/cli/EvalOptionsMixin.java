package dev.labelbench.cli;

import dev.labelbench.run.RunOverrides;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** What defines an evaluation, shared by {@code run} and {@code validate}: the config file and the flags over it. */
final class EvalOptionsMixin {
    @Parameters(index = "0", arity = "0..1", paramLabel = "EVAL.yaml",
            description = "The eval config (YAML). Optional when --dataset, --prompt and --model are given.")
    Path config;

    @Option(names = "--dataset", paramLabel = "FILE", description = "Dataset (CSV, TSV or JSONL).")
    Path dataset;

    @Option(names = "--text", paramLabel = "FIELD", split = ",", description = "Text field(s) to classify (default: text).")
    List<String> textFields;

    @Option(names = "--label-field", paramLabel = "FIELD", description = "Gold label field (default: label).")
    String labelField;

    @Option(names = "--id-field", paramLabel = "FIELD", description = "Id field (default: the row number).")
    String idField;

    @Option(names = {"-p", "--prompt"}, paramLabel = "FILE", description = "Prompt template file (repeatable).")
    List<String> prompts;

    @Option(names = {"-m", "--model"}, paramLabel = "KIND:NAME[@URL]",
            description = "Model (repeatable): ollama:NAME, llamacpp:NAME@URL, openai:NAME@URL, embedded:NAME, gguf:PATH.")
    List<String> models;

    @Option(names = "--labels", paramLabel = "A,B,...", split = ",", description = "The allowed labels (default: from the config or the data).")
    List<String> labels;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N rows.")
    Integer limit;

    @Option(names = "--sample", paramLabel = "N", description = "Evaluate a stratified random sample of N rows.")
    Integer sample;

    @Option(names = "--sample-seed", paramLabel = "N", description = "Seed of the sample (default 42).")
    Long sampleSeed;

    @Option(names = "--name", description = "Run name (default: from the config or the dataset file).")
    String name;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: reports/<name>-<timestamp>).")
    Path out;

    @Option(names = "--parse", paramLabel = "STRATEGY", description = "How replies become labels: auto (default), exact, first-label, regex, json, constrained.")
    String parse;

    @Option(names = "--constrained", description = "Constrain replies to the labels (JSON-schema enum or grammar).")
    Boolean constrained;

    @Option(names = "--scoring", paramLabel = "MODE", description = "generate (default) or logprob.")
    String scoring;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight per server.")
    Integer concurrency;

    @Mixin
    GenerationOptionsMixin generation;

    RunOverrides toOverrides() {
        return new RunOverrides(name, dataset, textFields, labelField, idField, prompts, models, labels, limit, sample,
                sampleSeed, generation.toOptions(), parse, constrained, scoring, concurrency, out);
    }
}
