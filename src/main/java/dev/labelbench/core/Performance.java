package dev.labelbench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Speed of one cell, from the replies that arrived. Null where no reply reported the figure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Performance(
        @JsonProperty("median_latency_ms") Double medianLatencyMs,
        @JsonProperty("p95_latency_ms") Double p95LatencyMs,
        @JsonProperty("tokens_per_second") Double tokensPerSecond,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens) {
}
