package dev.labelbench.parse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code auto} strategy against a table of realistic replies ({@code parse/auto-replies.yaml}: bare labels,
 * markdown, explanations before and after, chain of thought, JSON in fences, negations, thinking blocks, hedges,
 * refusals, cut-off replies; sentiment, topic, NLI and intent). It must agree with the human reading on at least 98%
 * of them; the figure and every disagreement are printed.
 */
class AutoParserTableTest {
    static final Map<String, LabelSet> TASKS = Map.of(
            "sentiment", new LabelSet(List.of(
                    new Label("positive", List.of("pos"), ""),
                    new Label("negative", List.of("neg"), ""),
                    Label.of("neutral"))),
            "topic", new LabelSet(List.of(
                    Label.of("World"), Label.of("Sports"), Label.of("Business"),
                    new Label("Sci/Tech", List.of("science", "technology", "tech"), ""))),
            "nli", LabelSet.ofNames(List.of("entailment", "neutral", "contradiction")),
            "rte", LabelSet.ofNames(List.of("entailment", "not_entailment")),
            "intent", LabelSet.ofNames(List.of("book_flight", "cancel_reservation", "check_weather", "play_music")));
    private static final double REQUIRED_AGREEMENT = 0.98;

    record Row(String task, String reply, String expect) {
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = AutoParserTableTest.class.getResourceAsStream("/parse/auto-replies.yaml")) {
            return new YAMLMapper().readValue(in, new TypeReference<List<Row>>() {
            });
        }
    }

    @Test
    void autoAgreesWithTheHumanReadingOfRealisticReplies() throws IOException {
        List<Row> rows = rows();
        Set<String> tasks = rows.stream().map(Row::task).collect(Collectors.toSet());
        assertTrue(rows.size() >= 100, "the table has " + rows.size() + " replies");
        assertEquals(TASKS.keySet(), tasks);

        ReplyParser auto = ReplyParsers.named("auto");
        List<String> disagreements = new ArrayList<>();
        int agree = 0;
        int expectedInvalid = 0;
        for (Row row : rows) {
            ParsedReply parsed = auto.parse(row.reply(), TASKS.get(row.task()));
            assertFalse(parsed.rule() == null || parsed.rule().isBlank(), "every reading records its rule");
            if (parsed.label().equals(row.expect())) {
                agree++;
            } else {
                disagreements.add(String.format("  [%s] expected %s, got %s (rule %s): %s", row.task(), row.expect(),
                        parsed.label(), parsed.rule(), row.reply().replace("\n", "\\n")));
            }
            if (LabelSet.INVALID.equals(row.expect())) {
                expectedInvalid++;
            }
        }
        double agreement = (double) agree / rows.size();
        System.out.printf("auto parser: %d of %d realistic replies read as expected (%.1f%%; %d of them invalid)%n",
                agree, rows.size(), 100 * agreement, expectedInvalid);
        disagreements.forEach(System.out::println);
        assertTrue(agreement >= REQUIRED_AGREEMENT, String.format("auto agrees on %.1f%% (< %.0f%%):%n%s",
                100 * agreement, 100 * REQUIRED_AGREEMENT, String.join("\n", disagreements)));
    }
}
