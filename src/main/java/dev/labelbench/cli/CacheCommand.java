package dev.labelbench.cli;

import dev.labelbench.cache.CacheLocation;
import dev.labelbench.cache.CacheStats;
import dev.labelbench.cache.SqliteResponseCache;
import dev.labelbench.core.LabelbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;

/** {@code labelbench cache stats|clear}: look at or empty the response cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "The response cache: replies already paid for, reused by later runs.",
        footer = {"", "Examples:", "  labelbench cache stats", "  labelbench cache clear --model ollama:qwen2.5:0.5b",
                "  labelbench cache clear --cache-dir /tmp/lb-cache"},
        subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class})
public final class CacheCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print the cache's location, size, and entries per model.")
    static final class Stats implements Runnable {
        @Mixin
        CacheOptionsMixin cache;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(CacheLocation.file(cache.dir()))) {
                out.println("cache: " + CacheLocation.file(cache.dir()) + " (empty: no run has used it yet)");
                return;
            }
            try (SqliteResponseCache opened = SqliteResponseCache.open(cache.dir())) {
                CacheStats stats = opened.stats();
                out.println("cache: " + stats.file());
                out.println(String.format(Locale.ROOT, "entries: %d, on disk: %.1f MB", stats.entries(),
                        stats.bytesOnDisk() / 1e6));
                for (CacheStats.ModelCount model : stats.models()) {
                    out.println(String.format(Locale.ROOT, "  %-40s %8d  %s .. %s", model.model(), model.entries(),
                            model.oldest(), model.newest()));
                }
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Delete every cached reply, or only one model's.")
    static final class Clear implements Runnable {
        @Mixin
        CacheOptionsMixin cache;

        @Option(names = "--model", paramLabel = "KIND:NAME", description = "Delete only this model's replies.")
        String model;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            if (!Files.exists(CacheLocation.file(cache.dir()))) {
                spec.commandLine().getOut().println("cache: " + CacheLocation.file(cache.dir()) + " is already empty");
                return;
            }
            if (model != null && !model.contains(":")) {
                throw LabelbenchException.usage("--model '" + model + "' is not KIND:NAME, e.g. ollama:qwen2.5:0.5b");
            }
            try (SqliteResponseCache opened = SqliteResponseCache.open(cache.dir())) {
                long deleted = opened.clear(model);
                spec.commandLine().getOut().println("deleted " + deleted + " cached replies"
                        + (model == null ? "" : " of " + model) + " from " + opened.file());
            }
        }
    }
}
