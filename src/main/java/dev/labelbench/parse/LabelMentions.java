package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a reply names a label: every spelling (name or alias) as a whole word, any case, with {@code _}, {@code -} and
 * spaces inside it treated alike ("/" too: "Sci-Tech" is {@code Sci/Tech}). Where spellings overlap the longest wins,
 * so {@code not_entailment} is not read as {@code entailment}. Each mention knows whether it is negated
 * ("not positive", "neither ... nor negative") and whether it is set off by markdown, quotes or brackets.
 */
final class LabelMentions {
    record Mention(String label, int start, int end, boolean negated, boolean emphasized) {
    }

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "neither", "nor", "without", "nothing",
            "hardly", "barely", "lacks", "lacking", "non", "cannot");
    private static final Pattern NEGATING_PHRASE = Pattern.compile(
            "(?:rather than|instead of|as opposed to|other than|far from|anything but|less)\\s*\\W*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.;:!?,\\n(\u2014\u2013]|\\s-\\s|\\bbut\\b|\\bhowever\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION_CARRIER = Pattern.compile("[\\s*_`\"']*(?:or|nor|,)[\\s*_`\"']*",
            Pattern.CASE_INSENSITIVE);
    private static final String OPENERS = "*_`\"'“‘[({<«";
    private static final String CLOSERS = "*_`\"'”’])}>»";
    private static final int NEGATION_WINDOW_WORDS = 4;

    private final LabelSet labels;
    private final Pattern pattern;
    private final Map<String, String> canonicalByLooseKey = new HashMap<>();

    LabelMentions(LabelSet labels) {
        this.labels = labels;
        for (Map.Entry<String, String> spelling : labels.spellings().entrySet()) {
            canonicalByLooseKey.putIfAbsent(looseKey(spelling.getKey()), spelling.getValue());
        }
        List<String> spellings = new ArrayList<>(canonicalByLooseKey.keySet());
        spellings.sort(Comparator.comparingInt(String::length).reversed());
        List<String> alternatives = new ArrayList<>();
        for (String spelling : spellings) {
            List<String> words = new ArrayList<>();
            for (String word : spelling.split(" ")) {
                words.add(Pattern.quote(word));
            }
            alternatives.add(String.join("[\\s_/-]+", words));
        }
        // Letters, digits or a hyphen next to a spelling make it part of another word ("positively", "real-world").
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}-])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}-])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    LabelSet labels() {
        return labels;
    }

    /** {@link LabelSet#key} with "/" also treated as a separator, so "Sci-Tech" finds {@code Sci/Tech}. */
    private static String looseKey(String spelling) {
        return LabelSet.key(spelling.replace('/', ' '));
    }

    /** Every mention in reading order. */
    List<Mention> find(String text) {
        List<Mention> mentions = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int previousEnd = 0;
        boolean previousNegated = false;
        while (m.find()) {
            String label = canonicalByLooseKey.get(looseKey(m.group()));
            // A negation reaches no further back than the previous label ("not positive - negative"), but carries
            // over a bare "or": "not positive or negative" denies both.
            boolean negated = negated(text, previousEnd, m.start())
                    || previousNegated && NEGATION_CARRIER.matcher(text.substring(previousEnd, m.start())).matches();
            previousEnd = m.end();
            previousNegated = negated;
            if (negated) {
                // "no entailment" means not_entailment when that is a label.
                String opposite = canonicalByLooseKey.get(looseKey("not " + m.group()));
                if (opposite != null) {
                    label = opposite;
                    negated = false;
                }
            }
            mentions.add(new Mention(label, m.start(), m.end(), negated, emphasized(text, m.start(), m.end())));
        }
        return mentions;
    }

    /** The mentions that state a label rather than deny one. */
    List<Mention> affirmed(String text) {
        return find(text).stream().filter(m -> !m.negated()).toList();
    }

    private static boolean negated(String text, int scopeStart, int start) {
        String before = text.substring(scopeStart, start);
        Matcher breaks = CLAUSE_BREAK.matcher(before);
        int clauseStart = 0;
        while (breaks.find()) {
            clauseStart = breaks.end();
        }
        String clause = before.substring(clauseStart);
        if (NEGATING_PHRASE.matcher(clause).find()) {
            return true;
        }
        String[] words = clause.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^\\p{L}']+");
        for (int i = Math.max(0, words.length - NEGATION_WINDOW_WORDS); i < words.length; i++) {
            String word = words[i];
            if (NEGATORS.contains(word) || word.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    private static boolean emphasized(String text, int start, int end) {
        return start > 0 && OPENERS.indexOf(text.charAt(start - 1)) >= 0
                || end < text.length() && CLOSERS.indexOf(text.charAt(end)) >= 0;
    }
}
