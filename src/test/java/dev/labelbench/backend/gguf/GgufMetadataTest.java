package dev.labelbench.backend.gguf;

import dev.labelbench.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufMetadataTest {

    @Test
    void readsTheHeadersOfTheTinyModelsAsTheirReadmeDescribesThem() throws IOException {
        GgufMetadata stories = GgufMetadata.read(SharedFiles.require("models/stories260K.gguf"));
        assertEquals(3, stories.version());
        assertEquals("llama", stories.architecture());
        assertEquals(2048L, stories.contextLength());
        assertNull(stories.chatTemplate());
        assertEquals("llama", stories.values().get("tokenizer.ggml.model"));

        GgufMetadata random = GgufMetadata.read(SharedFiles.require("models/llama-2-tiny-random.gguf"));
        assertEquals("llama", random.architecture());
        assertEquals(4096L, random.contextLength());
        assertNull(random.chatTemplate());

        GgufMetadata classifier = GgufMetadata.read(SharedFiles.require("models/tinyclassifier-sst2-trec.gguf"));
        assertEquals(384L, classifier.contextLength());
        assertEquals(5L, classifier.values().get("llama.block_count"));
    }

    @Test
    void aFileThatIsNotGgufIsRefusedWithAReason(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "this is not a model");
        IOException e = assertThrows(IOException.class, () -> GgufMetadata.read(text));
        assertTrue(e.getMessage().contains("not a GGUF file"), e.getMessage());

        Path empty = Files.write(dir.resolve("empty.gguf"), new byte[0]);
        assertTrue(assertThrows(IOException.class, () -> GgufMetadata.read(empty)).getMessage().contains("empty"));
    }

    @Test
    void aTruncatedHeaderIsReportedAsSuch(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SharedFiles.require("models/stories260K.gguf"));
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(whole, 200));
        IOException e = assertThrows(IOException.class, () -> GgufMetadata.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
