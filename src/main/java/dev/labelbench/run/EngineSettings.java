package dev.labelbench.run;

import dev.labelbench.cache.ResponseCache;

/**
 * How the engine runs a plan, beyond what the plan says: the response cache, a concurrency that overrides every other
 * setting ({@code --concurrency}), whether this is a resumed run (and whether its failed requests are asked again),
 * the progress display, and the control that stops it.
 */
public record EngineSettings(
        ResponseCache cache,
        Integer concurrencyOverride,
        boolean resume,
        boolean retryErrors,
        RunProgress progress,
        RunControl control) {

    public static EngineSettings defaults() {
        return new EngineSettings(ResponseCache.DISABLED, null, false, true, RunProgress.NONE, new RunControl());
    }

    public EngineSettings withCache(ResponseCache newCache) {
        return new EngineSettings(newCache, concurrencyOverride, resume, retryErrors, progress, control);
    }

    public EngineSettings withResume(boolean newResume) {
        return new EngineSettings(cache, concurrencyOverride, newResume, retryErrors, progress, control);
    }

    public EngineSettings withConcurrency(Integer newConcurrency) {
        return new EngineSettings(cache, newConcurrency, resume, retryErrors, progress, control);
    }

    public EngineSettings withProgress(RunProgress newProgress) {
        return new EngineSettings(cache, concurrencyOverride, resume, retryErrors, newProgress, control);
    }

    public EngineSettings withControl(RunControl newControl) {
        return new EngineSettings(cache, concurrencyOverride, resume, retryErrors, progress, newControl);
    }
}
