package dev.labelbench.run;

import dev.labelbench.backend.BackendFactory;
import dev.labelbench.backend.BackendSettings;
import dev.labelbench.cache.ResponseCache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Runs the engine in-process on an eval file, with log lines captured. */
final class RunHarness {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    static BackendFactory backends(Duration readTimeout) {
        BackendSettings d = BackendSettings.DEFAULTS;
        return new BackendFactory(new BackendSettings(Duration.ofSeconds(2), readTimeout, 0, d.retryBackoff()));
    }

    RunAnalysis run(Path eval, Path out, ResponseCache cache, Integer concurrency) {
        return run(eval, out, EngineSettings.defaults().withCache(cache).withConcurrency(concurrency));
    }

    RunAnalysis run(Path eval, Path out, EngineSettings settings) {
        RunPlan plan = RunPlanner.plan(eval, withOut(out));
        if (!settings.resume()) {
            RunRecipe.of(eval, withOut(out), out).write(out);
        }
        return new EvaluationRunner(backends(Duration.ofSeconds(5)), log::add, settings).run(plan);
    }

    RunAnalysis resume(Path out, EngineSettings settings) {
        RunPlan plan = RunRecipe.read(out).plan(out);
        return new EvaluationRunner(backends(Duration.ofSeconds(5)), log::add, settings.withResume(true)).run(plan);
    }

    static RunOverrides withOut(Path out) {
        RunOverrides o = RunOverrides.NONE;
        return new RunOverrides(o.name(), o.dataset(), o.textFields(), o.labelField(), o.idField(), o.prompts(),
                o.models(), o.labels(), o.limit(), o.sample(), o.sampleSeed(), o.options(), o.parse(), o.constrained(),
                o.scoring(), o.concurrency(), out);
    }
}
