package dev.labelbench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labelbench.core.LabelbenchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a run was asked for (the config file and the command-line overrides, every path made absolute), kept in the run
 * folder as {@code run-args.json} so {@code labelbench run --resume DIR} can plan the same run again from any
 * directory without the user repeating the command.
 */
public record RunRecipe(String config, RunOverrides overrides) {
    public static final String FILE = "run-args.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static RunRecipe of(Path config, RunOverrides overrides, Path out) {
        RunOverrides o = overrides;
        List<String> prompts = o.prompts().stream().map(p -> Path.of(p).toAbsolutePath().normalize().toString()).toList();
        RunOverrides absolute = new RunOverrides(o.name(), abs(o.dataset()), o.textFields(), o.labelField(), o.idField(),
                prompts, o.models(), o.labels(), o.limit(), o.sample(), o.sampleSeed(), o.options(), o.parse(),
                o.constrained(), o.scoring(), o.concurrency(), abs(out));
        return new RunRecipe(config == null ? null : config.toAbsolutePath().normalize().toString(), absolute);
    }

    private static Path abs(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    public Path configPath() {
        return config == null ? null : Path.of(config);
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The recipe of a run folder, or an error saying why that folder cannot be resumed. */
    public static RunRecipe read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isDirectory(dir)) {
            throw LabelbenchException.input("cannot resume " + dir + ": no such run folder");
        }
        if (!Files.isRegularFile(file)) {
            throw LabelbenchException.input("cannot resume " + dir + ": it has no " + FILE
                    + " (not started by `labelbench run`); start the run again with --out " + dir);
        }
        try {
            return JSON.readValue(file.toFile(), RunRecipe.class);
        } catch (IOException e) {
            throw LabelbenchException.input(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("")
                    + "); start the run again with --out " + dir, e);
        }
    }

    /** The plan again, writing into {@code dir}. */
    public RunPlan plan(Path dir) {
        RunOverrides o = overrides;
        return RunPlanner.plan(configPath(), new RunOverrides(o.name(), o.dataset(), o.textFields(), o.labelField(),
                o.idField(), o.prompts(), o.models(), o.labels(), o.limit(), o.sample(), o.sampleSeed(), o.options(),
                o.parse(), o.constrained(), o.scoring(), o.concurrency(), dir.toAbsolutePath().normalize()));
    }
}
