package dev.labelbench.scoring;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.labelbench.SharedFiles;
import dev.labelbench.backend.ContextSplit;
import dev.labelbench.backend.TokenScorer;
import dev.labelbench.backend.TokenScorer.Alternative;
import dev.labelbench.backend.TokenScorer.Alternatives;
import dev.labelbench.backend.TokenScorer.Token;
import dev.labelbench.core.GenerationOptions;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.Prompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Label words split the way they do for real Llama-2 models: the 32,000-token SentencePiece vocabulary of
 * {@code ../shared/models/llama-2-tiny-random.gguf}, tokenized by llama.cpp in-process ({@code LlamaModel.encode},
 * which is safe; the binding is never asked for token probabilities, which would abort the JVM). The model's own
 * outputs are noise, so next-token distributions here are the test's, over the real token ids.
 */
@Tag("slow")
class LlamaTwoTokenizationTest {
    private static LlamaModel model;

    @BeforeAll
    static void load() {
        String path = SharedFiles.require("models/llama-2-tiny-random.gguf").toString();
        LlamaModel.setLogger(null, (level, message) -> { });
        model = new LlamaModel(new ModelParameters().setModel(path));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static List<Token> encode(String text) {
        List<Token> tokens = new ArrayList<>();
        for (int id : model.encode(text)) {
            tokens.add(new Token(id, model.decode(new int[] {id})));
        }
        return tokens;
    }

    private static List<String> pieces(ContextSplit split, int i) {
        return split.continuations().get(i).stream().map(Token::text).toList();
    }

    @Test
    void aLabelSplitsDifferentlyAfterASpaceThanAfterAColonSoItIsTokenizedWithThePrompt() {
        String prompt = "Text: the match went to penalties\nLabel:";
        List<String> forms = List.of(" neutral", "neutral", " Neutral", " spam", "Positive");
        List<List<Token>> full = forms.stream().map(f -> encode(prompt + f)).toList();
        ContextSplit split = ContextSplit.of(encode(prompt), full);

        assertEquals(List.of(" neutral"), pieces(split, 0));
        assertEquals(21104, split.continuations().get(0).get(0).id());
        assertEquals(List.of("neut", "ral"), pieces(split, 1));
        assertEquals(List.of(" Ne", "ut", "ral"), pieces(split, 2));
        assertEquals(List.of(" sp", "am"), pieces(split, 3));
        assertEquals(List.of("Pos", "itive"), pieces(split, 4));
        // Tokenized alone, "neutral" gets SentencePiece's leading-space piece: the wrong token to score after ":".
        assertEquals(List.of(" neutral"), encode("neutral").stream().map(Token::text).toList());
        assertEquals(":", split.context().get(split.context().size() - 1).text());
    }

    @Test
    void contradictionAndContrastShareTheirFirstLlamaTwoTokenAndAreToldApartByTheNext() throws Exception {
        // After "Label:", Llama-2 splits contradiction = contr|ad|iction, contrast = contr|ast, entailment = ent|ail|ment.
        String prompt = "Premise: it rained. Hypothesis: the ground is dry.\nLabel:";
        Map<List<Integer>, Map<Integer, Double>> steps = new HashMap<>();
        steps.put(List.of(), Map.of(9996, 0.6, 296, 0.3, 13, 0.1));            // contr, ent, newline
        steps.put(List.of(9996), Map.of(579, 0.7, 328, 0.2, 29871, 0.1));      // ast, ad
        steps.put(List.of(9996, 328), Map.of(2463, 0.9, 29879, 0.1));          // iction
        steps.put(List.of(296), Map.of(737, 0.8, 13, 0.2));                    // ail
        steps.put(List.of(296, 737), Map.of(358, 0.9, 13, 0.1));               // ment
        List<List<Integer>> asked = new ArrayList<>();
        TokenScorer scorer = new TableScorer(steps, asked);
        LabelSet labels = LabelSet.ofNames(List.of("entailment", "contradiction", "contrast"));

        LabelDistribution d = new LogprobClassifier(scorer, new ScoringOptions(20, false, false, null, null))
                .classify(Prompt.completion("t", prompt), labels, GenerationOptions.NONE);

        // By hand: contrast 0.6 * 0.7 = 0.42; contradiction 0.6 * 0.2 * 0.9 = 0.108; entailment 0.3 * 0.8 * 0.9 = 0.216.
        double total = 0.42 + 0.108 + 0.216;
        assertEquals("contrast", d.predicted());
        assertEquals(0.42 / total, d.probabilities().get("contrast"), 1e-12);
        assertEquals(0.108 / total, d.probabilities().get("contradiction"), 1e-12);
        assertEquals(0.216 / total, d.probabilities().get("entailment"), 1e-12);
        assertEquals(List.of("contr", "ad", "iction"), d.scoring().forms().get(1).tokens());
        assertEquals(5, asked.size(), "one request per prefix-tree node: " + asked);
    }

    /** Tokenizes with the real Llama-2 vocabulary; next-token distributions from a table keyed by forced token ids. */
    private record TableScorer(Map<List<Integer>, Map<Integer, Double>> steps, List<List<Integer>> asked)
            implements TokenScorer {
        @Override
        public String describe() {
            return "table over the Llama-2 vocabulary";
        }

        @Override
        public List<String> preflight() {
            return List.of();
        }

        @Override
        public Session open(Prompt prompt, GenerationOptions options) {
            return new Session() {
                @Override
                public Optional<List<List<Token>>> tokenize(List<String> continuations) {
                    List<List<Token>> full = continuations.stream().map(c -> encode(prompt.text() + c)).toList();
                    return Optional.of(ContextSplit.of(encode(prompt.text()), full).continuations());
                }

                @Override
                public Alternatives next(List<Token> forced, int topK) {
                    List<Integer> key = forced.stream().map(Token::id).toList();
                    asked.add(key);
                    List<Alternative> top = new ArrayList<>();
                    steps.getOrDefault(key, Map.of()).forEach((id, p) ->
                            top.add(new Alternative(new Token(id, model.decode(new int[] {id})), Math.log(p))));
                    top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
                    return new Alternatives(top);
                }

                @Override
                public int maxTopK() {
                    return 20;
                }

                @Override
                public int requests() {
                    return asked.size();
                }
            };
        }
    }
}
