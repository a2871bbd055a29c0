package dev.labelbench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prediction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.jsonl}, the run's source of truth: one {@link Prediction} per line, appended and flushed as each
 * arrives, so a crash loses nothing already answered. Each line is written with a single write call; a line cut
 * short by a kill is dropped when the log is read or reopened for appending.
 */
public final class ResultsLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final OutputStream out;

    private ResultsLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens the log for appending, creating it if needed and dropping a partial last line left by a crash. */
    public static ResultsLog append(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            dropPartialLastLine(file);
            return new ResultsLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw LabelbenchException.input("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void write(Prediction prediction) {
        try {
            byte[] line = (JSON.writeValueAsString(prediction) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw LabelbenchException.input("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw LabelbenchException.input("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every complete line of a log. A malformed line in the middle is an error naming its line number. */
    public static List<Prediction> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw LabelbenchException.input("no results log at " + file + " (is this a labelbench run folder?)");
        }
        List<Prediction> predictions = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            String pendingError = null;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (pendingError != null) {
                    throw LabelbenchException.input(pendingError);
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    predictions.add(JSON.readValue(line, Prediction.class));
                } catch (IOException e) {
                    // Only the last line may be cut short (a kill mid-write); anywhere else it is corruption.
                    pendingError = file + ":" + number + ": not a results line (" + e.getMessage().lines().findFirst().orElse("")
                            + ")";
                }
            }
        } catch (IOException e) {
            throw LabelbenchException.input("cannot read " + file + ": " + e.getMessage(), e);
        }
        return predictions;
    }

    private static void dropPartialLastLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long end = raf.length();
            raf.seek(end - 1);
            if (raf.read() == '\n') {
                return;
            }
            long position = end - 1;
            while (position > 0) {
                raf.seek(position - 1);
                if (raf.read() == '\n') {
                    break;
                }
                position--;
            }
            raf.setLength(position);
        }
    }
}
