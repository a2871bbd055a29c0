package dev.labelbench.backend;

import dev.labelbench.core.LabelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelConstraintTest {

    @Test
    void grammarIsTheRecordedOneForPlainLabels() {
        // The exact grammar that made a real llama-server answer only labels (fixtures/llama-server/requests/chat-grammar-labels.json).
        assertEquals("root ::= \"positive\" | \"negative\" | \"neutral\"",
                LabelConstraint.gbnfGrammar(LabelSet.ofNames(List.of("positive", "negative", "neutral"))));
    }

    /** GBNF literals: quotes and backslashes escaped, control and non-ASCII characters as code-point escapes. */
    @Test
    void literalEscaping() {
        String[][] cases = {
                {"not spam", "\"not spam\""},
                {"say \"yes\"", "\"say \\\"yes\\\"\""},
                {"a\\b", "\"a\\\\b\""},
                {"tr\u00e8s bien", "\"tr\\u00E8s bien\""},
                {"\u65e5\u672c", "\"\\u65E5\\u672C\""},
                {"\uD83D\uDC4D", "\"\\U0001F44D\""},
                {"tab\there\n", "\"tab\\there\\n\""},
                {"bell\u0007", "\"bell\\x07\""},
        };
        for (String[] c : cases) {
            assertEquals(c[1], LabelConstraint.gbnfLiteral(c[0]), c[0]);
        }
    }

    @Test
    void schemaIsAnObjectWithALabelEnum() {
        assertEquals("{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\",\"enum\":[\"spam\",\"ham\"]}},"
                        + "\"required\":[\"label\"],\"additionalProperties\":false}",
                LabelConstraint.jsonSchema(LabelSet.ofNames(List.of("spam", "ham"))).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'{\"label\":\"positive\"}'                | positive",
            "'{ \"label\" : \"neutral\" }\n  \t\t'      | neutral",
            "'{ \"label'                               | '{ \"label'",
            "'positive'                                | positive",
            "'{\"result\": 8}'                         | '{\"result\": 8}'",
    })
    void unwrapKeepsAnythingThatIsNotTheLabelObject(String reply, String expected) {
        assertEquals(expected, LabelConstraint.unwrapJson(reply.replace("\\n", "\n").replace("\\t", "\t")));
    }
}
