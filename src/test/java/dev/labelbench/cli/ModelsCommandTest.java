package dev.labelbench.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.labelbench.backend.ModelCatalog;
import dev.labelbench.core.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsCommandTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsOllamaModelsAsATable() {
        server.stubFor(get("/api/tags").willReturn(okJson("{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\","
                + "\"size\":4661224676,\"details\":{\"format\":\"gguf\",\"family\":\"llama\",\"parameter_size\":\"8.0B\","
                + "\"quantization_level\":\"Q4_0\"}}]}")));

        Result result = run("models", "--url", server.baseUrl());

        assertEquals(ExitCode.OK.code(), result.code(), result.err());
        assertEquals("MODEL             SIZE    FAMILY  PARAMS  QUANT  CONTEXT  NOTE\n"
                + "ollama:llama3:8b  4.7 GB  llama   8.0B    Q4_0   -        -\n", result.out());
    }

    @Test
    void unreachableServerIsOneLineAndTheServerExitCode() {
        Result result = run("models", "--backend", "llamacpp", "--url", "http://127.0.0.1:9", "--timeout", "2");

        assertEquals(ExitCode.SERVER.code(), result.code());
        assertTrue(result.err().contains("http://127.0.0.1:9/v1/models"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void openAiWithoutUrlIsAUsageError() {
        Result result = run("models", "--backend", "openai");

        assertEquals(ExitCode.USAGE.code(), result.code());
        assertTrue(result.err().contains("needs --url"), result.err());
    }

    @Test
    void sizesReadLikeOllamas() {
        assertEquals("4.7 GB", ModelsCommand.size(4661224676L));
        assertEquals("1 MB", ModelsCommand.size(1171200L));
        assertEquals("-", ModelsCommand.size(null));
        assertEquals("MODEL       SIZE  FAMILY  PARAMS  QUANT  CONTEXT  NOTE\nopenai:foo  -     -       -       -      -        -\n",
                ModelsCommand.table("openai", List.of(new ModelCatalog.Entry("foo", null, null, null, null, null, null))));
    }
}
