package dev.labelbench.parse;

import dev.labelbench.core.ExitCode;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strategies other than {@code auto}, each on the same kinds of replies, with the rule each records. */
class ReplyParsersTest {
    private static final LabelSet SENTIMENT = AutoParserTableTest.TASKS.get("sentiment");
    private static final LabelSet RTE = AutoParserTableTest.TASKS.get("rte");

    private static ParsedReply parse(ParseSpec spec, String reply, LabelSet labels) {
        return ReplyParsers.create(spec).parse(reply.replace("\\n", "\n"), labels);
    }

    @ParameterizedTest(name = "exact: {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            positive                               | positive | exact
            **Negative**.                          | negative | exact
            '  "neutral"  '                        | neutral  | exact
            POS                                    | positive | exact
            The sentiment is positive.             | invalid  | no-exact-match
            positive or negative                   | invalid  | no-exact-match
            <think>surely negative</think>positive | positive | exact
            <think>surely negative                 | invalid  | unfinished-thinking
            ''                                     | invalid  | empty
            """)
    void exact(String reply, String label, String rule) {
        assertEquals(new ParsedReply(label, rule), parse(ParseSpec.of("exact"), reply, SENTIMENT));
    }

    @ParameterizedTest(name = "first-label: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Negative. Some positive notes, though.          | negative       | first-label
            The sentiment is positive, not negative.        | positive       | first-label
            positively glowing, so: neutral                 | neutral        | first-label
            <think>positive?</think> negative               | negative       | first-label
            no label here                                   | invalid        | no-label
            """)
    void firstLabel(String reply, String label, String rule) {
        assertEquals(new ParsedReply(label, rule), parse(ParseSpec.of("first-label"), reply, SENTIMENT));
    }

    @Test
    void firstLabelPrefersTheLongestOverlappingSpelling() {
        assertEquals(new ParsedReply("not_entailment", "first-label"),
                parse(ParseSpec.of("first-label"), "It's not entailment, I think.", RTE));
        assertEquals(new ParsedReply("not_entailment", "first-label"),
                parse(ParseSpec.of("first-label"), "NOT-ENTAILMENT", RTE));
    }

    @ParameterizedTest(name = "regex: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Reasoning... ANSWER: Negative                     | negative | regex
            answer: positive\\nWait. Answer: neutral          | neutral  | regex
            The answer is positive                            | invalid  | regex-no-match
            Answer: mixed                                     | invalid  | regex-not-a-label
            <think>Answer: positive</think>Answer: negative   | negative | regex
            """)
    void regex(String reply, String label, String rule) {
        assertEquals(new ParsedReply(label, rule), parse(new ParseSpec("regex", "answer:\\s*(\\w+)", null), reply, SENTIMENT));
    }

    @Test
    void regexUsesTheNamedGroupLabelWhenThereIsOne() {
        ParseSpec spec = new ParseSpec("regex", "(\\d+)\\.\\s*(?<label>\\w+)", null);
        assertEquals(new ParsedReply("positive", "regex"), parse(spec, "1. positive", SENTIMENT));
    }

    @Test
    void badRegexesAreUsageErrorsThatSayWhatToDo() {
        LabelbenchException noGroup = assertThrows(LabelbenchException.class,
                () -> ReplyParsers.create(new ParseSpec("regex", "answer: \\w+", null)));
        assertTrue(noGroup.getMessage().contains("no capture group"), noGroup.getMessage());
        assertEquals(ExitCode.USAGE, noGroup.exitCode());
        LabelbenchException broken = assertThrows(LabelbenchException.class,
                () -> ReplyParsers.create(new ParseSpec("regex", "answer: (\\w+", null)));
        assertTrue(broken.getMessage().contains("not a valid regular expression"), broken.getMessage());
        LabelbenchException missing = assertThrows(LabelbenchException.class, () -> ReplyParsers.named("regex"));
        assertTrue(missing.getMessage().contains("needs a pattern"), missing.getMessage());
    }

    @ParameterizedTest(name = "json: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"label": "positive"}                                           | positive | json
            ```json\\n{"label": "Negative"}\\n```\\nHope this helps!        | negative | json
            Sure! {'label': 'neutral', 'why': 'facts only',} Done.          | neutral  | json
            I think {it} is {"label": "positive"}                           | positive | json
            {"sentiment": "positive"}                                       | invalid  | json-missing-field
            {"label": "mixed"}                                              | invalid  | json-not-a-label
            {"label": "posi                                                 | invalid  | json-not-found
            positive                                                        | invalid  | json-not-found
            <think>{"label": "negative"}</think>{"label": "positive"}       | positive | json
            """)
    void json(String reply, String label, String rule) {
        assertEquals(new ParsedReply(label, rule), parse(ParseSpec.of("json"), reply, SENTIMENT));
    }

    @Test
    void jsonReadsAConfiguredNestedField() {
        ParseSpec spec = new ParseSpec("json", null, "result.sentiment");
        assertEquals(new ParsedReply("negative", "json"),
                parse(spec, "{\"result\": {\"sentiment\": \"neg\", \"score\": 0.1}}", SENTIMENT));
    }

    @ParameterizedTest(name = "constrained: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            positive                               | positive | constrained
            '"negative"'                           | negative | constrained
            {"label": "neutral"}                   | neutral  | constrained
            {"label": "mixed"}                     | invalid  | constrained-violated
            The answer is positive                 | invalid  | constrained-violated
            {"answer": "positive"}                 | invalid  | constrained-violated
            """)
    void constrained(String reply, String label, String rule) {
        assertEquals(new ParsedReply(label, rule), parse(ParseSpec.of("constrained"), reply, SENTIMENT));
    }

    @Test
    void autoIsTheDefaultAndUnknownNamesListTheChoices() {
        assertInstanceOf(AutoParser.class, ReplyParsers.named(null));
        assertInstanceOf(AutoParser.class, ReplyParsers.create(new ParseSpec(null, null, null)));
        assertInstanceOf(FirstLabelParser.class, ReplyParsers.named("first-label"));
        LabelbenchException unknown = assertThrows(LabelbenchException.class, () -> ReplyParsers.named("fuzzy"));
        assertEquals("unknown parse strategy 'fuzzy' (use one of auto, exact, first-label, regex, json, constrained)",
                unknown.getMessage());
        assertEquals(List.of("auto", "exact", "first-label", "regex", "json", "constrained"), ReplyParsers.NAMES);
    }

    @Test
    void noStrategyReadsTheAnswerFromAThinkingBlock() {
        String reply = "<think>The answer is clearly positive.</think>";
        for (String strategy : List.of("auto", "exact", "first-label", "json", "constrained")) {
            assertEquals(new ParsedReply(LabelSet.INVALID, "thinking-only"),
                    parse(ParseSpec.of(strategy), reply, SENTIMENT), strategy);
        }
    }
}
