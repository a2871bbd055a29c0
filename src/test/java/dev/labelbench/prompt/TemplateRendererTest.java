package dev.labelbench.prompt;

import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {
    @TempDir
    Path dir;

    private static final LabelSet LABELS = new LabelSet(List.of(
            new Label("positive", List.of("pos"), "the writer likes it"),
            new Label("negative", List.of(), "the writer dislikes it")));

    private TemplateRenderer load(String yaml) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return new TemplateRenderer(TemplateLoader.load(file));
    }

    private static Example example(String text) {
        return new Example("7", text, "positive", Map.of("text", text, "title", "A <b>title</b> & more"), 2);
    }

    @Test
    void rendersChatMessagesWithFieldsLabelsAndNoHtmlEscaping() throws IOException {
        TemplateRenderer renderer = load("""
                system: |
                  Labels: {{labels}}
                  {{#label_list}}
                  - {{name}}: {{description}}
                  {{/label_list}}
                user: |
                  {{title}}
                  Text: {{text}}
                """);
        Prompt prompt = renderer.render(example("I \"loved\" it"), LABELS, List.of());
        assertEquals(Prompt.Kind.CHAT, prompt.kind());
        assertEquals("t", prompt.template());
        assertEquals(List.of(
                new ChatMessage("system", "Labels: positive, negative\n- positive: the writer likes it\n- negative: the writer dislikes it"),
                new ChatMessage("user", "A <b>title</b> & more\nText: I \"loved\" it")), prompt.messages());
    }

    @Test
    void fewShotBlockRepeatsForEachShot() throws IOException {
        TemplateRenderer renderer = load("""
                name: few
                user: |
                  {{#examples}}
                  Q: {{text}} A: {{label}}
                  {{/examples}}
                  Q: {{text}} A:
                """);
        List<Example> shots = List.of(
                new Example("a", "good", "positive", Map.of(), 1),
                new Example("b", "bad", "negative", Map.of(), 2));
        Prompt prompt = renderer.render(example("fine"), LABELS, shots);
        assertEquals("few", prompt.template());
        assertEquals("Q: good A: positive\nQ: bad A: negative\nQ: fine A:", prompt.messages().get(0).content());
    }

    @Test
    void completionTemplatesRenderRawText() throws IOException {
        TemplateRenderer renderer = load("kind: completion\nprompt: \"Text: {{text}}\\nLabels: {{labels}}\\nLabel:\"\n");
        Prompt prompt = renderer.render(example("meh"), LABELS, List.of());
        assertEquals(Prompt.Kind.COMPLETION, prompt.kind());
        assertEquals("Text: meh\nLabels: positive, negative\nLabel:", prompt.text());
    }

    @Test
    void listsTheVariablesItUsesAndWhereForValidation() throws IOException {
        TemplateRenderer renderer = load("user: |\n  line one\n  {{body}} and {{text}}\n  {{#examples}}{{label}}{{/examples}}\n");
        assertEquals(Set.of("body", "text", "examples", "label"), renderer.variables());
        assertEquals(3, renderer.lineOf("body", Files.readString(dir.resolve("t.yaml"))));
    }

    @Test
    void badTemplatesAreInputErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "system: hi\nuser: \"{{#open}} never closed\"\n");
        LabelbenchException e = assertThrows(LabelbenchException.class, () -> new TemplateRenderer(TemplateLoader.load(file)));
        assertTrue(e.getMessage().startsWith(file + ": `user` is not a valid Mustache template"), e.getMessage());

        Files.writeString(file, "sytem: typo\nuser: x\n");
        e = assertThrows(LabelbenchException.class, () -> TemplateLoader.load(file));
        assertTrue(e.getMessage().contains(file + ":1: unknown key 'sytem'"), e.getMessage());

        Files.writeString(file, "system: only a system part\n");
        e = assertThrows(LabelbenchException.class, () -> TemplateLoader.load(file));
        assertTrue(e.getMessage().contains("a chat template needs a `user` part"), e.getMessage());
    }

    @Test
    void fewShotSelectionIsSeededPerLabelAndNeverUsesEvaluatedTexts() {
        List<Example> pool = List.of(
                new Example("1", "p1", "positive", Map.of(), 1), new Example("2", "p2", "positive", Map.of(), 2),
                new Example("3", "p3", "positive", Map.of(), 3), new Example("4", "n1", "negative", Map.of(), 4),
                new Example("5", "n2", "negative", Map.of(), 5));
        List<Example> chosen = FewShotSelector.select(pool, Set.of("p1", "p2"), 2, 1);
        assertEquals(3, chosen.size(), "p1 and p2 are being evaluated, so only p3 is left for positive");
        assertTrue(chosen.stream().noneMatch(e -> e.text().equals("p1") || e.text().equals("p2")));
        assertEquals(chosen, FewShotSelector.select(pool, Set.of("p1", "p2"), 2, 1));
    }
}
