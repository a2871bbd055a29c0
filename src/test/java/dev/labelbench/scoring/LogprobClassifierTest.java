package dev.labelbench.scoring;

import dev.labelbench.backend.BackendException;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelScoring;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scoring maths on hand-worked examples: products over tokens, shared prefixes, renormalisation, thresholds. */
class LogprobClassifierTest {
    private static final ScoringOptions EXACT_FORMS = new ScoringOptions(20, false, false, null, null);
    private static final Prompt PROMPT = Prompt.completion("t", "Text: fine film\nLabel:");
    private static final LabelSet SENTIMENT = LabelSet.ofNames(List.of("positive", "negative", "neutral"));

    /** Tokens as a server would split them in a 512-token vocabulary: negative and neutral share " ne". */
    private static java.util.List<dev.labelbench.backend.TokenScorer.Token> sentimentTokens(String text) {
        return FakeTokenScorer.split(switch (text) {
            case "positive" -> " p/os";
            case "negative" -> " ne/g";
            case "neutral" -> " ne/ut";
            default -> throw new IllegalArgumentException(text);
        });
    }

    @Test
    void labelProbabilityIsTheProductOverItsTokensRenormalisedOverTheLabelSet() throws BackendException {
        // Hand-worked: P(positive) = 0.5 * 0.8 = 0.40; P(negative) = 0.3 * 0.5 = 0.15; P(neutral) = 0.3 * 0.25 = 0.075.
        // In the label set: 0.625, so 0.64 / 0.24 / 0.12 after renormalising; 0.375 fell outside.
        FakeTokenScorer model = new FakeTokenScorer(LogprobClassifierTest::sentimentTokens, 1000)
                .next("", " p", 0.5).next("", " ne", 0.3).next("", " the", 0.2)
                .next(" p", "os", 0.8).next(" p", "ity", 0.2)
                .next(" ne", "g", 0.5).next(" ne", "ut", 0.25).next(" ne", "ver", 0.25);
        LabelDistribution d = new LogprobClassifier(model, EXACT_FORMS).classify(PROMPT, SENTIMENT, GenerationOptions.NONE);

        assertEquals(0.64, d.probabilities().get("positive"), 1e-12);
        assertEquals(0.24, d.probabilities().get("negative"), 1e-12);
        assertEquals(0.12, d.probabilities().get("neutral"), 1e-12);
        assertEquals(0.375, d.outsideMass(), 1e-12);
        assertEquals("positive", d.predicted());
        LabelScoring.Form neutral = d.scoring().forms().get(2);
        assertEquals(List.of(" ne", "ut"), neutral.tokens());
        assertEquals(Math.log(0.075), neutral.logprob(), 1e-12);
        // One request per tree node: the prompt, after " p", after " ne" (shared by negative and neutral).
        assertEquals(List.of("@20", " p@20", " ne@20"), model.requests);
        assertEquals(3, d.scoring().requests());
    }

    @Test
    void labelsSharingTheirFirstTokenAreToldApartByTheTokensAfterIt() throws BackendException {
        // First-token scoring would call negative and neutral a tie (both are " ne" = 0.6); the second token decides:
        // P(negative) = 0.6 * 0.1 = 0.06, P(neutral) = 0.6 * 0.7 = 0.42, P(positive) = 0.3 * 0.9 = 0.27.
        FakeTokenScorer model = new FakeTokenScorer(LogprobClassifierTest::sentimentTokens, 1000)
                .next("", " ne", 0.6).next("", " p", 0.3).next("", " a", 0.1)
                .next(" p", "os", 0.9).next(" p", "x", 0.1)
                .next(" ne", "ut", 0.7).next(" ne", "g", 0.1).next(" ne", "ver", 0.2);
        LabelDistribution d = new LogprobClassifier(model, EXACT_FORMS).classify(PROMPT, SENTIMENT, GenerationOptions.NONE);

        assertEquals("neutral", d.predicted());
        assertEquals(0.42 / 0.75, d.probabilities().get("neutral"), 1e-12);
        assertEquals(0.06 / 0.75, d.probabilities().get("negative"), 1e-12);
        assertEquals(0.27 / 0.75, d.probabilities().get("positive"), 1e-12);
    }

    @Test
    void aLabelThatIsAPrefixOfAnotherKeepsOnlyTheMassThatDoesNotContinueIntoIt() throws BackendException {
        // "not" = [" not"], "not_entailment" = [" not", "_ent"]. P(" not") = 0.5, then "_ent" 0.6, "." 0.3.
        // P(not_entailment) = 0.5 * 0.6 = 0.30; P(not) = 0.5 * (1 - 0.6) = 0.20; P(entailment) = 0.25.
        LabelSet nli = LabelSet.ofNames(List.of("entailment", "not", "not_entailment"));
        FakeTokenScorer model = new FakeTokenScorer(text -> FakeTokenScorer.split(switch (text) {
            case "entailment" -> " ent";
            case "not" -> " not";
            case "not_entailment" -> " not/_ent";
            default -> throw new IllegalArgumentException(text);
        }), 1000).next("", " not", 0.5).next("", " ent", 0.25).next("", " maybe", 0.25)
                .next(" not", "_ent", 0.6).next(" not", ".", 0.3).next(" not", " sure", 0.1);
        LabelDistribution d = new LogprobClassifier(model, EXACT_FORMS).classify(PROMPT, nli, GenerationOptions.NONE);

        assertEquals(0.30 / 0.75, d.probabilities().get("not_entailment"), 1e-12);
        assertEquals(0.20 / 0.75, d.probabilities().get("not"), 1e-12);
        assertEquals(0.25 / 0.75, d.probabilities().get("entailment"), 1e-12);
        assertEquals(0.25, d.outsideMass(), 1e-12);
    }

    @Test
    void aLabelsProbabilityIsTheSumOverTheFormsAModelMayWriteItIn() throws BackendException {
        // Completion prompt not ending in a space: forms "yes", "Yes", " yes", " Yes" (and the same for "no").
        LabelSet yesNo = LabelSet.ofNames(List.of("no", "yes"));
        FakeTokenScorer model = new FakeTokenScorer(FakeTokenScorer::split, 1000)
                .next("", " Yes", 0.4).next("", " yes", 0.1).next("", "Yes", 0.05).next("", " No", 0.2)
                .next("", " no", 0.05).next("", "no", 0.05).next("", " Maybe", 0.15);
        LabelDistribution d = new LogprobClassifier(model, ScoringOptions.DEFAULTS)
                .classify(PROMPT, yesNo, GenerationOptions.NONE);

        assertEquals(8, d.scoring().forms().size());
        assertEquals(0.55 / 0.85, d.probabilities().get("yes"), 1e-12);
        assertEquals(0.30 / 0.85, d.probabilities().get("no"), 1e-12);
        assertEquals(0.15, d.outsideMass(), 1e-12);
        // "yes" (no space, lower case) is not in the list, which is complete (fewer than the 20 asked for): zero mass.
        LabelScoring.Form bare = d.scoring().forms().stream().filter(f -> f.text().equals("yes")).findFirst().orElseThrow();
        assertNull(bare.logprob());
        assertFalse(bare.bounded());
    }

    @Test
    void aTokenMissingFromAFullListIsScoredAtTheLeastListedAndFlaggedAsABound() throws BackendException {
        // The server lists exactly the 2 asked for (and no more exist at k = 2): "ut" is missing after " ne", so
        // neutral gets at most the least listed, 0.3: P <= 0.4 * 0.3 = 0.12, flagged.
        FakeTokenScorer model = new FakeTokenScorer(LogprobClassifierTest::sentimentTokens, 2)
                .next("", " ne", 0.4).next("", " p", 0.35).next("", " a", 0.25)
                .next(" p", "os", 0.9).next(" p", "x", 0.1)
                .next(" ne", "g", 0.6).next(" ne", "ver", 0.3).next(" ne", "ut", 0.1);
        ScoringOptions top2 = new ScoringOptions(2, false, false, null, null);
        LabelDistribution d = new LogprobClassifier(model, top2).classify(PROMPT, SENTIMENT, GenerationOptions.NONE);

        LabelScoring.Form neutral = d.scoring().forms().get(2);
        assertTrue(neutral.bounded());
        assertEquals(Math.log(0.4 * 0.3), neutral.logprob(), 1e-12);
        assertFalse(d.scoring().forms().get(1).bounded());
        assertEquals(0.24 / (0.315 + 0.24 + 0.12), d.probabilities().get("negative"), 1e-12);
    }

    @Test
    void aChatPromptGetsNoLeadingSpaceForms() {
        Prompt chat = Prompt.chat("t", List.of(new dev.labelbench.core.ChatMessage("user", "hi")));
        List<String> texts = SurfaceForms.of(SENTIMENT, chat, ScoringOptions.DEFAULTS).stream()
                .map(SurfaceForms.Form::text).toList();
        assertEquals(List.of("positive", "Positive", "negative", "Negative", "neutral", "Neutral"), texts);
        Prompt spaced = Prompt.completion("t", "Label: ");
        assertFalse(SurfaceForms.of(SENTIMENT, spaced, ScoringOptions.DEFAULTS).stream()
                .anyMatch(f -> f.text().startsWith(" ")));
    }

    @Test
    void aTokenMissingFromTheTopAlternativesIsAskedForAgainWithTheServersMaximum() throws BackendException {
        // Top 2 at the root are " a" and " b"; " p" is third. The classifier must re-ask with k = 5 to find it.
        FakeTokenScorer model = new FakeTokenScorer(LogprobClassifierTest::sentimentTokens, 5)
                .next("", " a", 0.4).next("", " b", 0.3).next("", " p", 0.2).next("", " ne", 0.1)
                .next(" p", "os", 1.0).next(" ne", "g", 0.5).next(" ne", "ut", 0.5);
        ScoringOptions top2 = new ScoringOptions(2, false, false, null, null);
        LabelDistribution d = new LogprobClassifier(model, top2).classify(PROMPT, SENTIMENT, GenerationOptions.NONE);

        assertEquals(List.of("@2", "@5", " p@2", " ne@2"), model.requests);
        assertEquals(0.2 / 0.3, d.probabilities().get("positive"), 1e-12);
        assertTrue(d.scoring().forms().stream().noneMatch(LabelScoring.Form::bounded));
    }

    @Test
    void withoutATokenizerTheTokensAreFoundFromTheModelsOwnAlternatives() throws BackendException {
        // No tokenizer (Ollama, OpenAI-style APIs): at each step the longest listed token that the rest of the label
        // starts with. "neg" beats "ne" for negative; neutral goes "ne" + "utral".
        FakeTokenScorer model = new FakeTokenScorer(null, 20)
                .next("", "pos", 0.2).next("", "neg", 0.3).next("", "ne", 0.4).next("", "n", 0.1)
                .next("pos", "itive", 0.9).next("neg", "ative", 0.5).next("ne", "utral", 0.25).next("ne", "g", 0.5);
        Prompt chat = Prompt.chat("t", List.of(new dev.labelbench.core.ChatMessage("user", "Text: meh")));
        LabelDistribution d = new LogprobClassifier(model, EXACT_FORMS).classify(chat, SENTIMENT, GenerationOptions.NONE);

        Map<String, List<String>> tokens = new java.util.LinkedHashMap<>();
        d.scoring().forms().forEach(f -> tokens.put(f.label(), f.tokens()));
        assertEquals(List.of("pos", "itive"), tokens.get("positive"));
        assertEquals(List.of("neg", "ative"), tokens.get("negative"));
        assertEquals(List.of("ne", "utral"), tokens.get("neutral"));
        // P = 0.18, 0.15, 0.10 (the "ne" + "g" path to negative is another tokenization, not counted).
        assertEquals(0.18 / 0.43, d.probabilities().get("positive"), 1e-12);
        assertEquals(0.15 / 0.43, d.probabilities().get("negative"), 1e-12);
        assertEquals(0.10 / 0.43, d.probabilities().get("neutral"), 1e-12);
        assertEquals(4, d.scoring().requests());
    }

    @Test
    void aBinaryThresholdPredictsThePositiveLabelOnlyWhenItsProbabilityReachesIt() throws BackendException {
        LabelSet spam = LabelSet.ofNames(List.of("ham", "spam"));
        FakeTokenScorer model = new FakeTokenScorer(text -> FakeTokenScorer.split(" " + text), 1000)
                .next("", " ham", 0.6).next("", " spam", 0.3).next("", " eggs", 0.1);
        ScoringOptions argmax = new ScoringOptions(20, false, false, null, null);
        assertEquals("ham", new LogprobClassifier(model, argmax).classify(PROMPT, spam, GenerationOptions.NONE).predicted());
        // p(spam) = 0.3 / 0.9 = 0.333...: a threshold of 0.3 flags it, 0.34 does not.
        assertEquals("spam", new LogprobClassifier(model, argmax.withThreshold(0.3, null))
                .classify(PROMPT, spam, GenerationOptions.NONE).predicted());
        assertEquals("ham", new LogprobClassifier(model, argmax.withThreshold(0.34, "spam"))
                .classify(PROMPT, spam, GenerationOptions.NONE).predicted());
        assertEquals("spam", new LogprobClassifier(model, argmax.withThreshold(0.7, "ham"))
                .classify(PROMPT, spam, GenerationOptions.NONE).predicted());
    }
}
