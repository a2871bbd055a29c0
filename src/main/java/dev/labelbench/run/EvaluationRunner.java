package dev.labelbench.run;

import dev.labelbench.backend.BackendContext;
import dev.labelbench.backend.BackendException;
import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.backend.GenerationRequest;
import dev.labelbench.cache.CacheKey;
import dev.labelbench.cache.ResponseCache;
import dev.labelbench.core.CellKey;
import dev.labelbench.core.Example;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.ModelSpec;
import dev.labelbench.core.Prediction;
import dev.labelbench.core.Prompt;
import dev.labelbench.core.Reply;
import dev.labelbench.core.RunInfo;
import dev.labelbench.dataset.DatasetLoader;
import dev.labelbench.parse.ParsedReply;
import dev.labelbench.parse.ReplyParser;
import dev.labelbench.parse.ReplyParsers;
import dev.labelbench.prompt.FewShotSelector;
import dev.labelbench.prompt.TemplateRenderer;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a plan: checks it, asks every model about every example through every template, appends each prediction to
 * {@code results.jsonl} as it arrives, then writes the metrics files.
 *
 * <p>How requests flow: models sharing a server form a group run by one dispatcher thread, model after model;
 * groups run side by side. A dispatcher walks template by template (so consecutive requests share the template's
 * prefix and few-shot block, which servers keep in their prompt cache), renders each prompt, answers it from the
 * response cache when it can, joins an identical prompt already in flight, and otherwise waits for a free slot on the
 * least busy endpoint and hands the request to a worker thread. The slots are the only limit on requests in flight,
 * so the dispatcher never runs far ahead and memory does not grow with the dataset.
 */
public final class EvaluationRunner {
    private static final int MEMO_CAPACITY = 10_000;

    private final BackendFactory backends;
    private final Consumer<String> log;
    private final BackendSettings backendSettings;
    private final EngineSettings settings;

    public EvaluationRunner(BackendFactory backends, Consumer<String> log) {
        this(backends, log, BackendSettings.DEFAULTS, EngineSettings.defaults());
    }

    /** {@code backendSettings}: timeouts for the token scorers of {@code scoring: logprob} cells. */
    public EvaluationRunner(BackendFactory backends, Consumer<String> log, BackendSettings backendSettings) {
        this(backends, log, backendSettings, EngineSettings.defaults());
    }

    public EvaluationRunner(BackendFactory backends, Consumer<String> log, EngineSettings settings) {
        this(backends, log, BackendSettings.DEFAULTS, settings);
    }

    public EvaluationRunner(BackendFactory backends, Consumer<String> log, BackendSettings backendSettings,
                            EngineSettings settings) {
        this.backends = backends;
        this.log = log;
        this.backendSettings = backendSettings;
        this.settings = settings;
    }

    /**
     * Runs the plan and returns its analysis. When the run's {@link RunControl} is cancelled midway, returns the
     * analysis of what was answered so far (metrics files written) and {@code settings.control().cancelled()} is true.
     */
    public RunAnalysis run(RunPlan plan) {
        try {
            return runChecked(plan);
        } finally {
            settings.control().markFinished();
        }
    }

    private RunAnalysis runChecked(RunPlan plan) {
        List<String> problems = Validator.check(plan);
        if (!problems.isEmpty()) {
            throw LabelbenchException.input(String.join("\n", problems));
        }
        List<Example> examples = DatasetLoader.load(plan.dataset(), plan.labels());
        List<Example> fewShot = fewShot(plan, examples);
        BackendContext context = new BackendContext(plan.labels(), fewShot);
        RunFolder folder = new RunFolder(plan.out());
        ResumeState resume = resumeState(folder);
        LogprobCells logprob = LogprobCells.open(plan, backendSettings);
        List<ModelRuntime> models = openAndCheck(plan, context, longestPrompt(plan, examples, fewShot));
        try {
            if (!settings.resume() || !Files.exists(folder.runInfo())) {
                folder.writeRunInfo(describe(plan, examples, models));
            }
            log.accept("run folder: " + folder.dir() + (resume.size() > 0 ? " (resuming: " + resume.size()
                    + " predictions already there)" : ""));
            RuntimeException failure = null;
            try (ResultSink sink = new ResultSink(ResultsLog.append(folder.results()))) {
                failure = new Session(plan, examples, fewShot, resume, sink, logprob).run(models);
            } finally {
                settings.progress().close();
            }
            if (failure != null) {
                throw failure;
            }
            RunAnalysis analysis = RunAnalysis.ofFolder(folder);
            analysis.writeFiles(folder);
            return analysis;
        } finally {
            models.forEach(ModelRuntime::close);
        }
    }

    private ResumeState resumeState(RunFolder folder) {
        if (settings.resume()) {
            return ResumeState.load(folder.results(), settings.retryErrors());
        }
        try {
            if (Files.exists(folder.results()) && Files.size(folder.results()) > 0) {
                throw LabelbenchException.input(folder.results() + " already holds results; continue that run with "
                        + "`labelbench run --resume " + folder.dir() + "` or choose another --out");
            }
        } catch (java.io.IOException e) {
            throw LabelbenchException.input("cannot read " + folder.results() + ": " + e.getMessage(), e);
        }
        return ResumeState.empty();
    }

    /** The longest prompt the run will send, so backends can check once that it fits each model's context. */
    private static Prompt longestPrompt(RunPlan plan, List<Example> examples, List<Example> fewShot) {
        Prompt longest = null;
        int longestLength = -1;
        for (TemplateRenderer template : plan.templates()) {
            for (Example example : examples) {
                Prompt prompt = template.render(example, plan.labels(), fewShot);
                int length = prompt.flatText().length();
                if (length > longestLength) {
                    longest = prompt;
                    longestLength = length;
                }
            }
        }
        return longest;
    }

    private List<ModelRuntime> openAndCheck(RunPlan plan, BackendContext context, Prompt longest) {
        List<ModelRuntime> opened = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (ModelSpec model : plan.models()) {
                ModelRuntime runtime = ModelRuntime.open(model, backends, context, settings.concurrencyOverride(),
                        plan.concurrency());
                opened.add(runtime);
                problems.addAll(runtime.preflight(longest == null ? null
                        : new GenerationRequest(longest, null, plan.optionsFor(model), null, null)));
            }
            if (!problems.isEmpty()) {
                throw LabelbenchException.server(String.join("\n", problems));
            }
            opened.forEach(ModelRuntime::loadDescription);
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(ModelRuntime::close);
            throw e;
        }
    }

    private static RunInfo describe(RunPlan plan, List<Example> examples, List<ModelRuntime> models) {
        List<ModelSpec> specs = new ArrayList<>();
        List<Map<String, Object>> descriptions = new ArrayList<>();
        for (ModelRuntime model : models) {
            specs.add(model.spec);
            descriptions.add(model.description());
        }
        return RunInfoFactory.describe(plan, examples, specs, descriptions);
    }

    /** One execution of a plan: the threads, the shared state, and the stop switch. */
    private final class Session {
        private final RunPlan plan;
        private final List<Example> examples;
        private final List<Example> fewShot;
        private final ResumeState resume;
        private final ResultSink sink;
        private final LogprobCells logprob;
        private final ResponseCache cache = settings.cache();
        private final ReplyMemo memo = new ReplyMemo(MEMO_CAPACITY);
        private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        private final ExecutorService dispatchers = Executors.newCachedThreadPool(named("labelbench-dispatch"));
        private final ExecutorService workers = Executors.newCachedThreadPool(named("labelbench-request"));
        private volatile boolean stopping;

        Session(RunPlan plan, List<Example> examples, List<Example> fewShot, ResumeState resume, ResultSink sink,
                LogprobCells logprob) {
            this.logprob = logprob;
            this.plan = plan;
            this.examples = examples;
            this.fewShot = fewShot;
            this.resume = resume;
            this.sink = sink;
        }

        /** Runs every model; returns the error that stopped the run early, if any (null on success or Ctrl-C). */
        RuntimeException run(List<ModelRuntime> models) {
            settings.control().onCancel(this::stop);
            Map<String, List<ModelRuntime>> groups = new LinkedHashMap<>();
            models.forEach(m -> groups.computeIfAbsent(m.serverKey(), k -> new ArrayList<>()).add(m));
            List<Future<?>> running = new ArrayList<>();
            for (List<ModelRuntime> group : groups.values()) {
                running.add(dispatchers.submit(() -> {
                    for (ModelRuntime model : group) {
                        if (stopping) {
                            return;
                        }
                        runModel(model);
                    }
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    fail(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
                } catch (java.util.concurrent.CancellationException e) {
                    // stopped
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                }
            }
            stop();
            awaitWorkers();
            return fatal.get();
        }

        private void runModel(ModelRuntime model) {
            InFlight inFlight = new InFlight();
            try {
                for (TemplateRenderer template : plan.templates()) {
                    if (stopping) {
                        break;
                    }
                    dispatchCell(model, template, inFlight);
                }
                inFlight.awaitZero();
            } catch (InterruptedException e) {
                // stopped while waiting for a slot or for the last replies: the rest is asked on resume
                Thread.currentThread().interrupt();
            }
        }

        private void dispatchCell(ModelRuntime model, TemplateRenderer template, InFlight inFlight)
                throws InterruptedException {
            ModelSpec spec = model.spec;
            CellKey cell = new CellKey(spec.id(), template.template().name());
            GenerationOptions options = plan.optionsFor(spec);
            ReplyParser parser = ReplyParsers.create(plan.parseFor(template));
            LabelSet constrainTo = plan.constrainedFor(spec, template) ? plan.labels() : null;
            boolean showsExamples = !fewShot.isEmpty() && template.variables().contains("examples");
            boolean byLogprob = LogprobCells.LOGPROB.equals(LogprobCells.scoringFor(plan, template));
            settings.progress().cellStarted(cell, examples.size(), resume.doneIn(cell));
            // One count for the dispatch itself, so the cell is not reported finished before its last request is sent.
            AtomicInteger pending = new AtomicInteger(1);
            Runnable oneDone = () -> {
                if (pending.decrementAndGet() == 0) {
                    settings.progress().cellFinished(cell);
                }
            };
            try {
                for (Example example : examples) {
                    if (stopping) {
                        return;
                    }
                    if (resume.isDone(cell.model(), cell.template(), example.id())) {
                        continue;
                    }
                    Prompt prompt = template.render(example, plan.labels(), fewShot);
                    if (byLogprob) {
                        pending.incrementAndGet();
                        dispatchLogprob(model, cell, example, prompt, options, oneDone, inFlight);
                        continue;
                    }
                    GenerationRequest request = new GenerationRequest(prompt, example, options, constrainTo, null, showsExamples);
                    Consumer<Outcome> record = outcome -> {
                        try {
                            record(cell, example, parser, outcome);
                        } finally {
                            oneDone.run();
                        }
                    };
                    pending.incrementAndGet();
                    dispatch(model, request, record, inFlight);
                }
            } finally {
                oneDone.run();
            }
        }

        private void dispatch(ModelRuntime model, GenerationRequest request, Consumer<Outcome> record,
                              InFlight inFlight) throws InterruptedException {
            CacheKey key = CacheKey.of(model.spec, model.digest(), request);
            Optional<Reply> cached = cache.get(key);
            if (cached.isPresent()) {
                record.accept(Outcome.of(cached.get().asCached()));
                return;
            }
            CompletableFuture<Outcome> mine = new CompletableFuture<>();
            CompletableFuture<Outcome> owner = memo.claim(key.hash(), mine);
            inFlight.add();
            if (owner != null) {
                owner.whenComplete((outcome, error) -> {
                    try {
                        if (outcome != null) {
                            record.accept(outcome.shared());
                        }
                    } finally {
                        inFlight.done();
                    }
                });
                return;
            }
            Endpoint endpoint;
            try {
                endpoint = model.pool.acquire(Set.of());
            } catch (InterruptedException e) {
                mine.cancel(false);
                inFlight.done();
                throw e;
            }
            try {
                workers.execute(() -> send(model, endpoint, request, key, mine, record, inFlight));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                model.pool.abandon(endpoint);
                mine.cancel(false);
                inFlight.done();
            }
        }

        /**
         * A {@code scoring: logprob} cell: the label distribution comes from the token scorer (not cached: it is not
         * a generated reply), still within the model's slots.
         */
        private void dispatchLogprob(ModelRuntime model, CellKey cell, Example example, Prompt prompt,
                                     GenerationOptions options, Runnable oneDone, InFlight inFlight)
                throws InterruptedException {
            Endpoint endpoint;
            try {
                endpoint = model.pool.acquire(Set.of());
            } catch (InterruptedException e) {
                oneDone.run();
                throw e;
            }
            inFlight.add();
            try {
                workers.execute(() -> {
                    boolean released = false;
                    try {
                        Prediction prediction = logprob.predict(model.spec, cell.template(), example, prompt, plan,
                                options);
                        model.pool.release(endpoint, !prediction.failed());
                        released = true;
                        if (!stopping && sink.write(prediction)) {
                            settings.progress().answered(cell, prediction.invalid(), prediction.failed());
                        }
                    } catch (RuntimeException e) {
                        fail(e);
                    } finally {
                        if (!released) {
                            model.pool.abandon(endpoint);
                        }
                        oneDone.run();
                        inFlight.done();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                model.pool.abandon(endpoint);
                oneDone.run();
                inFlight.done();
            }
        }

        /** Sends on a worker thread; a retryable failure is sent again to another endpoint of the model if any. */
        private void send(ModelRuntime model, Endpoint first, GenerationRequest request, CacheKey key,
                          CompletableFuture<Outcome> mine, Consumer<Outcome> record, InFlight inFlight) {
            try {
                Endpoint endpoint = first;
                Set<Endpoint> tried = new HashSet<>();
                Outcome outcome;
                while (true) {
                    tried.add(endpoint);
                    try {
                        Reply reply = endpoint.backend.generate(request);
                        model.pool.release(endpoint, true);
                        cache.put(key, reply);
                        outcome = Outcome.of(reply);
                        break;
                    } catch (BackendException e) {
                        if (stopping || Thread.currentThread().isInterrupted()) {
                            model.pool.abandon(endpoint);
                            mine.cancel(false);
                            return;
                        }
                        // Only server trouble takes an endpoint out of rotation; a 4xx is this request's fault.
                        model.pool.release(endpoint, !e.retryable());
                        if (e.retryable() && model.pool.hasAlternative(tried)) {
                            endpoint = model.pool.acquire(tried);
                            continue;
                        }
                        outcome = Outcome.failed(e.getMessage());
                        break;
                    } catch (RuntimeException e) {
                        model.pool.abandon(endpoint);
                        throw e;
                    }
                }
                mine.complete(outcome);
                record.accept(outcome);
            } catch (InterruptedException e) {
                mine.cancel(false);
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                mine.cancel(false);
                fail(e);
            } finally {
                inFlight.done();
            }
        }

        private void record(CellKey cell, Example example, ReplyParser parser, Outcome outcome) {
            Prediction prediction;
            if (outcome.reply() != null) {
                ParsedReply parsed = parser.parse(outcome.reply().text(), plan.labels());
                prediction = new Prediction(example.id(), cell.model(), cell.template(), example.text(), example.gold(),
                        parsed.label(), parsed.rule(), outcome.reply(), null, null);
            } else {
                prediction = new Prediction(example.id(), cell.model(), cell.template(), example.text(), example.gold(),
                        null, null, null, outcome.error(), null);
            }
            if (sink.write(prediction)) {
                settings.progress().answered(cell, prediction.invalid(), prediction.failed());
            }
        }

        private void fail(RuntimeException e) {
            fatal.compareAndSet(null, e);
            stop();
        }

        private void stop() {
            stopping = true;
            dispatchers.shutdownNow();
            workers.shutdownNow();
        }

        private void awaitWorkers() {
            try {
                dispatchers.awaitTermination(5, TimeUnit.SECONDS);
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static List<Example> fewShot(RunPlan plan, List<Example> evaluated) {
        if (plan.fewShotSource() == null) {
            return List.of();
        }
        List<Example> pool = DatasetLoader.load(plan.fewShotSource(), plan.labels());
        Set<String> texts = new HashSet<>();
        evaluated.forEach(e -> texts.add(e.text()));
        return FewShotSelector.select(pool, texts, plan.fewShotPerLabel(), plan.fewShotSeed());
    }
}
