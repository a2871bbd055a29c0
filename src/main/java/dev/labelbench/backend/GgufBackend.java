package dev.labelbench.backend;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.labelbench.backend.gguf.ChatMlTemplate;
import dev.labelbench.backend.gguf.GgufMetadata;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A GGUF model run in-process by llama.cpp through the {@code de.kherud:llama} binding ({@code gguf:<path>}), so that
 * no server is needed. The binding bundles llama.cpp b4916 (March 2025): models of newer architectures do not load.
 *
 * <p>Prompts are rendered as llama-server renders them: chat prompts through the model's own chat template, or, when
 * the file has none, through the ChatML fallback; completion prompts as they are. {@code constrainTo} becomes a GBNF
 * grammar of exactly the labels, the same one
 * the llama.cpp server backend sends. The model is loaded once (on preflight or the first request) and requests are served
 * one at a time: the binding's single slot is not meant for concurrent callers, and serial use keeps each reply's
 * latency the model's own time. The binding cannot give token probabilities (its {@code n_probs} path aborts the JVM),
 * so replies carry no logprobs.
 */
public final class GgufBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(GgufBackend.class);
    private static final Object NATIVE_INIT = new Object();
    private static final String LIBRARY_DIRECTORY = "de.kherud.llama.tmpdir";
    /** llama.cpp's default n_ctx, which the binding uses when no context size is given (seen in its load log). */
    static final int BINDING_DEFAULT_CONTEXT = 4096;
    private static volatile boolean nativeLoaded;

    private final ModelSpec model;
    private final Path path;
    private final ReentrantLock lock = new ReentrantLock(true);

    private GgufMetadata metadata;
    private LlamaModel llama;
    private Integer loadedContextSize;
    private Double pendingLoadMs;

    public GgufBackend(ModelSpec model) {
        this.model = model;
        String name = model.name().strip();
        if (name.startsWith("~/")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        this.path = Path.of(name).toAbsolutePath().normalize();
    }

    @Override
    public ModelSpec model() {
        return model;
    }

    public Path path() {
        return path;
    }

    @Override
    public List<String> preflight() {
        lock.lock();
        try {
            ensureLoaded(model.options().contextSize());
            return List.of();
        } catch (BackendException e) {
            return List.of(e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Also checks that the longest prompt and the token budget fit the context: past it, this llama.cpp would cut the
     * prompt silently.
     */
    @Override
    public List<String> preflight(GenerationRequest longestRequest) {
        GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(longestRequest.options());
        lock.lock();
        try {
            ensureLoaded(options.contextSize());
            int promptTokens = promptTokens(render(longestRequest.prompt()));
            int maxTokens = options.maxTokens() != null ? options.maxTokens() : GenerationOptions.DEFAULTS.maxTokens();
            if (promptTokens + maxTokens > contextSize()) {
                return List.of("model '" + model.id() + "': the longest prompt is " + promptTokens + " tokens, plus "
                        + maxTokens + " max_tokens, which does not fit the context of " + contextSize()
                        + " tokens; raise context_size (the model was trained with "
                        + (metadata.contextLength() == null ? "an unknown context" : metadata.contextLength() + " tokens")
                        + ") or shorten the prompt");
            }
            return List.of();
        } catch (BackendException e) {
            return List.of(e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** The context the model was loaded with: the requested size, or the binding's default. */
    private int contextSize() {
        return loadedContextSize != null ? loadedContextSize : BINDING_DEFAULT_CONTEXT;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", path.toString());
        // For the response cache: a replaced model file (new size or modification time) must not return old answers.
        try {
            info.put("digest", "file:" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis()
                    + ":labelbench-" + GgufBackend.class.getPackage().getImplementationVersion());
        } catch (IOException e) {
            info.put("digest", "file:unreadable");
        }
        info.put("llama_cpp", "b4916 (de.kherud:llama 4.2.0, in-process, CPU)");
        lock.lock();
        try {
            if (metadata != null) {
                info.put("architecture", metadata.architecture());
                if (metadata.name() != null) {
                    info.put("name", metadata.name());
                }
                if (metadata.contextLength() != null) {
                    info.put("trained_context", metadata.contextLength());
                }
                info.put("chat_template", metadata.chatTemplate() != null ? "from the model file" : "ChatML fallback");
            }
            if (llama != null) {
                info.put("context_size", contextSize());
            }
        } finally {
            lock.unlock();
        }
        return info;
    }

    @Override
    public Reply generate(GenerationRequest request) throws BackendException {
        GenerationOptions options = GenerationOptions.DEFAULTS.overriddenBy(request.options());
        lock.lock();
        try {
            ensureLoaded(options.contextSize());
            Double loadMs = pendingLoadMs;
            pendingLoadMs = null;
            String prompt = render(request.prompt());
            int promptTokens = promptTokens(prompt);
            if (promptTokens >= contextSize()) {
                throw new BackendException("model '" + model.id() + "': the prompt is " + promptTokens
                        + " tokens, more than the context of " + contextSize() + "; raise context_size", false, 0);
            }
            InferenceParameters parameters = parameters(prompt, options, request);
            int maxTokens = options.maxTokens() != null ? options.maxTokens() : GenerationOptions.DEFAULTS.maxTokens();
            long start = System.nanoTime();
            StringBuilder text = new StringBuilder();
            int outputs = 0;
            try {
                for (LlamaOutput output : llama.generate(parameters)) {
                    text.append(output.text);
                    outputs++;
                }
            } catch (RuntimeException e) {
                throw new BackendException(path + ": llama.cpp failed: " + e.getMessage(), false, 0, e);
            }
            double latencyMs = (System.nanoTime() - start) / 1e6;
            // The binding streams one output per generated token (the end-of-sequence token as an empty one) and
            // then a final marker; llama-server counts the same tokens, end-of-sequence included.
            int completionTokens = Math.max(0, outputs - 1);
            String finish = completionTokens >= maxTokens ? "length" : "stop";
            return new Reply(text.toString(), null, finish, latencyMs, promptTokens, completionTokens, loadMs,
                    null, null, List.of());
        } finally {
            lock.unlock();
        }
    }

    /** Chat prompts as llama-server renders them; completion prompts as they are. */
    String render(Prompt prompt) throws BackendException {
        if (prompt.kind() == Prompt.Kind.COMPLETION) {
            return prompt.text();
        }
        if (metadata.chatTemplate() == null) {
            return ChatMlTemplate.render(prompt.messages());
        }
        String system = null;
        List<de.kherud.llama.Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : prompt.messages()) {
            if (message.role().equals("system") && system == null && turns.isEmpty()) {
                system = message.content();
            } else {
                turns.add(new de.kherud.llama.Pair<>(message.role(), message.content()));
            }
        }
        try {
            return llama.applyTemplate(new InferenceParameters("").setMessages(system, turns).setUseChatTemplate(true));
        } catch (RuntimeException e) {
            throw new BackendException(path + ": the model's chat template failed: " + e.getMessage(), false, 0, e);
        }
    }

    private static InferenceParameters parameters(String prompt, GenerationOptions options, GenerationRequest request) {
        // Every prompt is evaluated from scratch: reusing the previous request's cached prefix changes the float
        // arithmetic enough to flip close greedy choices, which would make replies depend on the order of examples.
        InferenceParameters parameters = new InferenceParameters(prompt).setCachePrompt(false);
        if (options.temperature() != null) {
            parameters.setTemperature(options.temperature().floatValue());
        }
        if (options.seed() != null) {
            // llama.cpp seeds are 32-bit; a larger seed keeps its low bits.
            parameters.setSeed((int) options.seed().longValue());
        }
        if (options.maxTokens() != null) {
            parameters.setNPredict(options.maxTokens());
        }
        if (options.topK() != null) {
            parameters.setTopK(options.topK());
        }
        if (options.topP() != null) {
            parameters.setTopP(options.topP().floatValue());
        }
        if (options.stop() != null && !options.stop().isEmpty()) {
            parameters.setStopStrings(options.stop().toArray(String[]::new));
        }
        if (request.constrained()) {
            parameters.setGrammar(LabelConstraint.gbnfGrammar(request.constrainTo()));
        }
        // Never setNProbs: in this binding version it aborts the whole JVM (see README).
        return parameters;
    }

    /** Prompt tokens as llama.cpp counts them: the tokenizer's output plus the BOS token it adds for most models. */
    private int promptTokens(String prompt) {
        return llama.encode(prompt).length + (addsBos() ? 1 : 0);
    }

    private boolean addsBos() {
        Object flag = metadata.values().get("tokenizer.ggml.add_bos_token");
        if (flag instanceof Boolean b) {
            return b;
        }
        return "llama".equals(metadata.values().get("tokenizer.ggml.model"));
    }

    /** Loads the model (again, if a request asks for another context size). Called with the lock held. */
    private void ensureLoaded(Integer contextSize) throws BackendException {
        if (llama != null && (contextSize == null || Objects.equals(contextSize, loadedContextSize))) {
            return;
        }
        if (metadata == null) {
            metadata = readMetadata();
        }
        if (llama != null) {
            llama.close();
            llama = null;
        }
        loadNativeLibraryQuietly();
        ModelParameters parameters = new ModelParameters().setModel(path.toString()).setParallel(1);
        if (contextSize != null) {
            parameters.setCtxSize(contextSize);
        }
        if (!LOG.isDebugEnabled()) {
            parameters.disableLog();
        }
        long start = System.nanoTime();
        try {
            llama = new LlamaModel(parameters);
        } catch (RuntimeException e) {
            throw new BackendException(path + ": llama.cpp b4916 (the version bundled with de.kherud:llama 4.2.0) could"
                    + " not load this '" + metadata.architecture() + "' model (" + e.getMessage() + "); architectures"
                    + " newer than March 2025 are not supported in-process: serve it with a current llama-server"
                    + " (llamacpp:) or Ollama instead", false, 0, e);
        }
        pendingLoadMs = (System.nanoTime() - start) / 1e6;
        loadedContextSize = contextSize;
        LOG.debug("loaded {} ({}) in {} ms", path, metadata.architecture(), pendingLoadMs);
    }

    private GgufMetadata readMetadata() throws BackendException {
        if (!Files.isRegularFile(path)) {
            throw new BackendException("model '" + model.id() + "': no such file " + path
                    + " (give the path of a .gguf model file)", false, 0);
        }
        try {
            return GgufMetadata.read(path);
        } catch (IOException e) {
            throw new BackendException("model '" + model.id() + "': " + path + " cannot be used: " + e.getMessage(),
                    false, 0, e);
        }
    }

    /**
     * The binding prints "Extracted 'libjllama.so' ..." on standard output when it first loads its native library;
     * standard output is for results, so that one line is sent to standard error instead. Runs once per JVM.
     */
    private static void loadNativeLibraryQuietly() throws BackendException {
        if (nativeLoaded) {
            return;
        }
        synchronized (NATIVE_INIT) {
            if (nativeLoaded) {
                return;
            }
            PrintStream out = System.out;
            System.setOut(System.err);
            try {
                privateExtractionDirectory();
                Class.forName(LlamaModel.class.getName(), true, GgufBackend.class.getClassLoader());
                nativeLoaded = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new BackendException("the llama.cpp native library (de.kherud:llama) could not be loaded on this"
                        + " platform: " + e, false, 0, e);
            } finally {
                System.setOut(out);
            }
        }
    }

    /**
     * The binding extracts its library to a fixed name in the temp folder and schedules it for deletion at exit, so
     * two JVMs sharing that folder can delete the file under each other's feet. Each JVM gets its own folder instead.
     */
    private static void privateExtractionDirectory() throws BackendException {
        if (System.getProperty(LIBRARY_DIRECTORY) != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("labelbench-llama-");
            dir.toFile().deleteOnExit();
            System.setProperty(LIBRARY_DIRECTORY, dir.toString());
        } catch (IOException e) {
            throw new BackendException("cannot create a temporary folder for the llama.cpp native library: " + e, false, 0, e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (llama != null) {
                llama.close();
                llama = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
