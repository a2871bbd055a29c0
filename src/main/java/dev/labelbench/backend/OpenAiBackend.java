package dev.labelbench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.TokenLogprob;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Any OpenAI-compatible server (LM Studio, vLLM, SGLang, LiteLLM, Ollama's {@code /v1}, llama-server's {@code /v1}).
 * The base URL includes {@code /v1} (e.g. {@code http://127.0.0.1:8000/v1}). Chat prompts go through LangChain4j's
 * {@link OpenAiChatModel}, which carries everything needed here (seed, stop, logprobs, JSON-schema
 * {@code response_format}, extra fields such as {@code top_k}, and the raw body for llama.cpp's {@code timings});
 * its own retries are off ({@link RetryingBackend} retries) and it runs on HTTP/1.1 (the JDK client's h2c upgrade
 * attempt breaks some plain-HTTP servers). With streaming on, {@code OpenAiStreamingChatModel} is used instead and
 * the extras are read from its raw server-sent events. Raw completion prompts go to {@code /completions} directly, since
 * LangChain4j's completion model cannot ask for logprobs or a seed.
 *
 * <p>The API key is read from the environment variable the model names ({@code api_key_env}, default
 * {@code OPENAI_API_KEY}); it is sent as a bearer token and never logged or stored.
 */
public final class OpenAiBackend implements Backend {
    static final String DEFAULT_KEY_ENV = "OPENAI_API_KEY";

    private final ModelSpec model;
    private final String baseUrl;
    private final String apiKeyEnv;
    private final boolean apiKeyMissing;
    private final OpenAiChatModel chatModel;
    private final OpenAiStreamingChatModel streamingModel;
    private final Duration readTimeout;
    private final HttpJsonClient http;

    public OpenAiBackend(ModelSpec model, BackendSettings settings, Map<String, String> environment) {
        if (model.urls().isEmpty()) {
            throw LabelbenchException.usage("model '" + model.id() + "' needs the server's base URL: write "
                    + model.id() + "@http://127.0.0.1:8000/v1 (vLLM; LM Studio: http://127.0.0.1:1234/v1;"
                    + " Ollama: http://127.0.0.1:11434/v1) or give url: in the YAML");
        }
        this.model = model;
        String url = model.urls().get(0);
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKeyEnv = model.apiKeyEnv() != null ? model.apiKeyEnv() : DEFAULT_KEY_ENV;
        String apiKey = environment.get(apiKeyEnv);
        boolean hasKey = apiKey != null && !apiKey.isBlank();
        // A key named explicitly but absent is a mistake; the default variable unset just means a local server.
        this.apiKeyMissing = model.apiKeyEnv() != null && !hasKey;
        Map<String, String> headers = hasKey ? Map.of("Authorization", "Bearer " + apiKey.strip()) : Map.of();
        this.http = new HttpJsonClient(settings, headers);
        this.chatModel = OpenAiChatModel.builder()
                .httpClientBuilder(new JdkHttpClientBuilder().httpClientBuilder(
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                .baseUrl(baseUrl)
                .apiKey(hasKey ? apiKey.strip() : null)
                .modelName(model.name())
                .timeout(settings.readTimeout())
                .maxRetries(0)
                .build();
        this.readTimeout = settings.readTimeout();
        this.streamingModel = !settings.stream() ? null : OpenAiStreamingChatModel.builder()
                .httpClientBuilder(new JdkHttpClientBuilder().httpClientBuilder(
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                .baseUrl(baseUrl)
                .apiKey(hasKey ? apiKey.strip() : null)
                .modelName(model.name())
                .timeout(settings.readTimeout())
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public ModelSpec model() {
        return model;
    }

    /** The server answers {@code GET /models}, and lists the model (LM Studio, vLLM and Ollama list what they serve). */
    @Override
    public List<String> preflight() {
        List<String> problems = new ArrayList<>();
        if (apiKeyMissing) {
            problems.add("model " + model.id() + ": the API key variable " + apiKeyEnv + " is not set; export it or"
                    + " drop api_key_env for a server without keys");
        }
        JsonNode models;
        try {
            models = http.send(baseUrl + "/models", null);
        } catch (BackendException e) {
            problems.add("cannot reach the OpenAI-compatible server for " + model.id() + " (" + e.getMessage()
                    + "); check the URL (it ends in /v1) and that the server is running");
            return problems;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : models.path("data")) {
            ids.add(entry.path("id").asText());
        }
        if (!ids.isEmpty() && !ids.contains(model.name())) {
            problems.add("model '" + model.name() + "' is not served at " + baseUrl + " (it serves: "
                    + String.join(", ", ids) + "); use one of those names or load the model in the server");
        }
        return problems;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("url", baseUrl);
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        try {
            return request.prompt().kind() == Prompt.Kind.CHAT ? chat(request) : completion(request);
        } catch (BackendException e) {
            throw e.forModel(model.id());
        }
    }

    private Reply chat(GenerationRequest request) throws BackendException {
        String url = baseUrl + "/chat/completions";
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(toLangChain(request.prompt().messages()))
                .parameters(parameters(request))
                .build();
        long start = System.nanoTime();
        ChatResponse response = streamingModel != null ? streamed(url, chatRequest) : whole(url, chatRequest);
        double latencyMs = (System.nanoTime() - start) / 1e6;
        String text = response.aiMessage().text();
        if (request.constrained()) {
            text = LabelConstraint.unwrapJson(text);
        }
        // What LangChain4j does not map is read from the raw JSON: one body, or every event of a stream.
        String finishReason = null;
        StringBuilder thinking = new StringBuilder();
        JsonNode timings = HttpJsonClient.json().missingNode();
        for (JsonNode raw : rawObjects(response)) {
            JsonNode choice = raw.path("choices").path(0);
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
            }
            JsonNode message = choice.has("delta") ? choice.path("delta") : choice.path("message");
            // llama.cpp and vLLM say reasoning_content, Ollama's /v1 says reasoning
            thinking.append(message.path("reasoning_content").asText(message.path("reasoning").asText("")));
            if (raw.has("timings")) {
                timings = raw.get("timings"); // llama-server (and some others) report their own timings
            }
        }
        List<TokenLogprob> logprobs = new ArrayList<>();
        if (response.metadata() instanceof OpenAiChatResponseMetadata metadata && metadata.logProbs() != null) {
            for (LogProb entry : metadata.logProbs()) {
                logprobs.add(toTokenLogprob(entry));
            }
        }
        Integer promptTokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
        Integer completionTokens = response.tokenUsage() == null ? null : response.tokenUsage().outputTokenCount();
        return new Reply(text == null ? "" : text, thinking.length() == 0 ? null : thinking.toString(), finishReason,
                latencyMs, promptTokens, completionTokens, null, doubleOrNull(timings.path("prompt_ms")),
                doubleOrNull(timings.path("predicted_ms")), logprobs);
    }

    private ChatResponse whole(String url, ChatRequest chatRequest) throws BackendException {
        try {
            return chatModel.chat(chatRequest);
        } catch (RuntimeException e) {
            throw translate(url, e);
        }
    }

    /**
     * A streamed chat, waited for whole. The HTTP read timeout only covers the wait for the response headers, so the
     * whole stream is bounded by the read timeout as well.
     */
    private ChatResponse streamed(String url, ChatRequest chatRequest) throws BackendException {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        try {
            streamingModel.chat(chatRequest, new StreamingChatResponseHandler() {
                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            return done.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw translate(url, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw translate(url, cause instanceof RuntimeException runtime ? runtime : new RuntimeException(cause));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BackendException(url + ": the streamed reply did not finish within " + readTimeout.toSeconds()
                    + " s (raise the read timeout for slow or cold models)", true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(url + ": interrupted", false, 0, e);
        }
    }

    private static List<JsonNode> rawObjects(ChatResponse response) {
        List<JsonNode> out = new ArrayList<>();
        if (response.metadata() instanceof OpenAiChatResponseMetadata metadata) {
            try {
                if (metadata.rawHttpResponse() != null && metadata.rawHttpResponse().body() != null) {
                    out.add(HttpJsonClient.json().readTree(metadata.rawHttpResponse().body()));
                }
                if (metadata.rawServerSentEvents() != null) {
                    for (ServerSentEvent event : metadata.rawServerSentEvents()) {
                        if (event.data() != null && event.data().startsWith("{")) {
                            out.add(HttpJsonClient.json().readTree(event.data()));
                        }
                    }
                }
            } catch (IOException e) {
                // LangChain4j already parsed these; the extras are optional
            }
        }
        return out;
    }

    OpenAiChatRequestParameters parameters(GenerationRequest request) {
        GenerationOptions options = request.options();
        OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder()
                .modelName(model.name())
                .temperature(options.temperature())
                .topP(options.topP())
                .maxOutputTokens(options.maxTokens());
        if (options.stop() != null && !options.stop().isEmpty()) {
            parameters.stopSequences(options.stop());
        }
        Map<String, Object> extra = new HashMap<>();
        if (options.seed() != null) {
            if (options.seed() == (int) (long) options.seed()) {
                parameters.seed((int) (long) options.seed());
            } else {
                extra.put("seed", options.seed());
            }
        }
        if (options.topK() != null) {
            extra.put("top_k", options.topK()); // not OpenAI's, but vLLM, llama.cpp and LM Studio read it
        }
        if (!extra.isEmpty()) {
            parameters.customParameters(extra);
        }
        if (request.topLogprobs() != null) {
            parameters.logprobs(true).topLogprobs(request.topLogprobs());
        }
        if (request.constrained()) {
            parameters.responseFormat(labelFormat(request.constrainTo()));
        }
        return parameters.build();
    }

    private static ResponseFormat labelFormat(LabelSet labels) {
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addEnumProperty(LabelConstraint.FIELD, labels.names())
                .required(LabelConstraint.FIELD)
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("label").rootElement(root).build())
                .build();
    }

    private static List<dev.langchain4j.data.message.ChatMessage> toLangChain(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>();
        for (ChatMessage message : messages) {
            out.add(switch (message.role()) {
                case "system" -> SystemMessage.from(message.content());
                case "assistant" -> AiMessage.from(message.content());
                default -> UserMessage.from(message.content());
            });
        }
        return out;
    }

    private static TokenLogprob toTokenLogprob(LogProb entry) {
        List<TokenLogprob.Alternative> top = new ArrayList<>();
        if (entry.topLogprobs() != null) {
            for (LogProb alternative : entry.topLogprobs()) {
                top.add(new TokenLogprob.Alternative(alternative.token(), finite(alternative.logprob())));
            }
        }
        return new TokenLogprob(entry.token(), finite(entry.logprob()), top);
    }

    private static double finite(Double logprob) {
        return logprob == null || !Double.isFinite(logprob) ? -Double.MAX_VALUE : logprob;
    }

    /**
     * Names a LangChain4j failure the way the other backends do: URL, status and the server's own error text. Which
     * failures are retryable follows the status (5xx, 429, 408) or the transport (timeouts, resets).
     */
    static BackendException translate(String url, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return HttpJsonClient.statusError(url, http.statusCode(), http.getMessage());
            }
            if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
                return new BackendException(url + ": no response in time (raise the read timeout for slow or cold"
                        + " models): " + e.getMessage(), true, 0, e);
            }
            if (cause instanceof IOException io) {
                return new BackendException(url + ": connection failed: " + io, true, 0, e);
            }
        }
        return new BackendException(url + ": " + e.getMessage(), !(e instanceof NonRetriableException), 0, e);
    }

    /** {@code /completions} for raw prompts (sent verbatim, no chat template). */
    private Reply completion(GenerationRequest request) throws BackendException {
        GenerationOptions options = request.options();
        String url = baseUrl + "/completions";
        ObjectNode body = HttpJsonClient.json().createObjectNode();
        body.put("model", model.name());
        body.put("prompt", request.prompt().text());
        if (options.maxTokens() != null) {
            body.put("max_tokens", options.maxTokens());
        }
        SamplingFields.put(body, options);
        if (request.topLogprobs() != null) {
            body.put("logprobs", request.topLogprobs()); // the legacy endpoint's logprobs is the number of alternatives
        }
        if (request.constrained()) {
            // vLLM and SGLang read guided_choice; servers that do not know it ignore it and the parser still decides.
            ArrayNode choices = body.putArray("guided_choice");
            request.constrainTo().names().forEach(choices::add);
        }
        long start = System.nanoTime();
        JsonNode response = http.send(url, body);
        double latencyMs = (System.nanoTime() - start) / 1e6;
        JsonNode choice = response.path("choices").path(0);
        JsonNode usage = response.path("usage");
        JsonNode timings = response.path("timings");
        return new Reply(choice.path("text").asText(""), null, textOrNull(choice.path("finish_reason")), latencyMs,
                intOrNull(usage.path("prompt_tokens")), intOrNull(usage.path("completion_tokens")), null,
                doubleOrNull(timings.path("prompt_ms")), doubleOrNull(timings.path("predicted_ms")),
                WireLogprobs.parseCompletionLogprobs(choice.path("logprobs")));
    }

    private static String textOrNull(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    private static Integer intOrNull(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }

    private static Double doubleOrNull(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
