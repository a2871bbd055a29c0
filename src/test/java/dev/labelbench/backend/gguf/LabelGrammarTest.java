package dev.labelbench.backend.gguf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelGrammarTest {

    @Test
    void alternativesInLabelOrder() {
        assertEquals("root ::= \"positive\" | \"negative\" | \"neutral\"",
                LabelGrammar.of(List.of("positive", "negative", "neutral")));
        assertEquals("root ::= \"spam\"", LabelGrammar.of(List.of("spam")));
        assertThrows(IllegalArgumentException.class, () -> LabelGrammar.of(List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain              | sci_tech           | \"sci_tech\"",
            "spaces kept        | 'very good'        | \"very good\"",
            "double quote       | 'say \"hi\"'       | \"say \\\"hi\\\"\"",
            "backslash          | 'a\\b'             | \"a\\\\b\"",
            "question mark      | reverted_card_payment? | \"reverted_card_payment?\"",
            "GBNF operators     | 'a|b ::= (c)*'     | '\"a|b ::= (c)*\"'",
            "unicode literal    | négatif            | \"négatif\"",
    })
    void labelsBecomeEscapedGbnfLiterals(String what, String label, String literal) {
        assertEquals(literal, LabelGrammar.literal(label));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\nb\\tc\\r\\x01\"", LabelGrammar.literal("a\nb\tc\r\u0001"));
    }
}
