package dev.labelbench.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labelbench.core.LabelSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a reply the way a careful person would, trying these rules in order and recording the one that decided:
 *
 * <ol>
 *   <li>{@code exact}: the whole reply (thinking aside, markdown and punctuation stripped) is a label or alias.
 *   <li>{@code json}: a JSON object (fenced or not) has the label in a field such as {@code label} or {@code answer}.
 *   <li>{@code answer-cue}: the last explicit statement of the answer ("Answer:", "Sentiment: **Positive**",
 *       "the category is Sports") names a label; even when the explanation names others.
 *   <li>{@code leading-label}: the reply opens with a label ("Negative. The reviewer ...").
 *   <li>{@code conclusion}: the last concluding phrase ("so it is", "therefore", "I would classify this as") names one.
 *   <li>{@code only-label}: the reply affirms exactly one label, however it words the rest.
 *   <li>{@code emphasis}: of several labels named, exactly one is set off in bold, quotes or backticks.
 * </ol>
 *
 * Negated labels ("not positive", "neither positive nor negative") are never the answer, unless the negated form is a
 * label itself ("no entailment" is {@code not_entailment}). Invalid readings say why: {@code hedge} (the answer names
 * two labels, "positive or negative"), {@code not-a-label} ("Category: Politics" outside the set), {@code ambiguous}
 * (several labels, nothing singles one out), {@code refusal}, {@code no-label}, {@code unfinished-thinking},
 * {@code empty}.
 */
public final class AutoParser implements ReplyParser {
    /** Compiled once per label set: a run parses thousands of replies against the same labels. */
    private final Map<LabelSet, LabelMentions> mentionsByLabels = new ConcurrentHashMap<>();

    private static final List<String> JSON_FIELDS = List.of("label", "answer", "final_answer", "category", "class",
            "classification", "sentiment", "topic", "intent", "prediction", "predicted_label", "relation", "output",
            "result", "emotion", "stance", "type");

    /** Explicit answer slots: a noun that names the answer, then ":", "=", "is", "would be". */
    private static final Pattern ANSWER_CUE = Pattern.compile(
            "\\b(?:final\\s+answer|answer|label|category|class|classification|sentiment|topic|intent|prediction|"
                    + "predicted\\s+(?:label|class|category)|verdict|relation(?:ship)?|output|result|emotion|stance|tone)"
                    + "(?:\\s+(?:of|for|to|here|in)\\b[^.:\\n]{0,80}?)?"
                    + "\\s*(?:\\*\\*|__)?\\s*(?<form>:|=|->|=>|\\bis\\b|\\bwould\\s+be\\b|\\bshould\\s+be\\b|\\bwill\\s+be\\b)",
            Pattern.CASE_INSENSITIVE);
    /** Concluding phrases, weaker than an answer slot: what follows them in the sentence is the conclusion. */
    private static final Pattern CONCLUSION_CUE = Pattern.compile(
            "\\b(?:therefore|thus|hence|so|overall|in\\s+conclusion|in\\s+summary|to\\s+summari[sz]e|ultimately|"
                    + "in\\s+short|all\\s+in\\s+all|in\\s+the\\s+end)\\b"
                    + "|\\b(?:i\\s+would|i'd|i\\s+will|i'll|i)\\s+(?:say|classify|label|categori[sz]e|go\\s+with|choose|"
                    + "pick|lean\\s+towards?|conclude|select)\\b"
                    + "|\\b(?:classified|categori[sz]ed|labell?ed|considered|marked|tagged)\\s+(?:as|under)\\b"
                    + "|\\b(?:falls?|belongs?|fits?)\\s+(?:best\\s+)?(?:under|into|in|to)\\b"
                    + "|\\b(?:it|this|that)(?:'s|’s|\\s+is|\\s+seems|\\s+appears|\\s+looks)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\d)\\.(?=\\s|$)|[!?;\\n]");
    /** Between two labels, only a connector: "positive or negative", "positive/negative", "positive and neutral". */
    private static final Pattern HEDGE_CONNECTOR = Pattern.compile(
            "^[\\s*_`\"'“”‘’()\\[\\]]*(?:or|and|and/or|/|\\||,|, or|vs\\.?|versus|to|-|,?\\s*but\\s+also|and\\s+also|"
                    + "as\\s+well\\s+as)?(?:\\s+(?:somewhat|slightly|partly|partially|a\\s+bit|also))?"
                    + "[\\s*_`\"'“”‘’()\\[\\]]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEDGE_LEAD = Pattern.compile(
            "\\b(?:either|between|mix(?:ture)?\\s+of|both|somewhere|could\\s+be|might\\s+be|may\\s+be|maybe)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL = Pattern.compile(
            "\\b(?:i'?m\\s+sorry|i\\s+am\\s+sorry|i\\s+can(?:no|')t|i\\s+cannot|i\\s+am\\s+unable|i'm\\s+unable|"
                    + "i\\s+won't|as\\s+an\\s+ai|i\\s+do\\s+not\\s+feel\\s+comfortable|not\\s+able\\s+to\\s+(?:help|classify|determine))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPLANATION = Pattern.compile(
            "\\b(?:because|since|as|given|due\\s+to|while|whereas|although|though|if)\\b", Pattern.CASE_INSENSITIVE);
    private static final int SHORT_ANSWER_WORDS = 3;

    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        String text = answer.text();
        Optional<String> exact = labels.resolve(ReplyNormalizer.normalize(text));
        if (exact.isPresent()) {
            return new ParsedReply(exact.get(), "exact");
        }
        Optional<ParsedReply> json = fromJson(text, labels);
        if (json.isPresent()) {
            return json.get();
        }
        LabelMentions mentions = mentionsFor(labels);
        Optional<ParsedReply> cued = fromAnswerCue(text, mentions);
        if (cued.isPresent()) {
            return cued.get();
        }
        Optional<String> leading = leadingLabel(text, labels);
        if (leading.isPresent()) {
            // "book_flight, cancel_reservation" opens with a label but lists another: a hedge.
            boolean listed = readSegment(firstLine(text), mentions, "leading-label")
                    .filter(reading -> !reading.valid()).isPresent();
            return listed ? ParsedReply.invalid("hedge") : new ParsedReply(leading.get(), "leading-label");
        }
        Optional<ParsedReply> concluded = fromConclusion(text, mentions);
        if (concluded.isPresent()) {
            return concluded.get();
        }
        return fromMentions(text, mentions);
    }

    private static Optional<ParsedReply> fromJson(String text, LabelSet labels) {
        Optional<JsonNode> object = JsonAnswer.find(text);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        for (String field : JSON_FIELDS) {
            Optional<String> value = JsonAnswer.field(object.get(), field);
            if (value.isPresent()) {
                return Optional.of(labels.resolve(ReplyNormalizer.normalize(value.get()))
                        .map(label -> new ParsedReply(label, "json"))
                        .orElseGet(() -> ParsedReply.invalid("not-a-label")));
            }
        }
        return Optional.empty();
    }

    /** The last explicit answer slot that says something: one label, a hedge, or a short answer outside the set. */
    private static Optional<ParsedReply> fromAnswerCue(String text, LabelMentions mentions) {
        List<Cue> cues = cues(ANSWER_CUE, text);
        for (int i = cues.size() - 1; i >= 0; i--) {
            Cue cue = cues.get(i);
            String segment = segmentAfter(text, cue.end());
            Optional<ParsedReply> reading = readSegment(segment, mentions, "answer-cue");
            if (reading.isPresent()) {
                return reading;
            }
            boolean slot = !cue.form().matches("(?i).*\\b(?:is|be)\\b.*");
            String words = ReplyNormalizer.normalize(segment);
            if (slot && !words.isEmpty() && words.split(" ").length <= SHORT_ANSWER_WORDS) {
                return Optional.of(ParsedReply.invalid("not-a-label"));
            }
        }
        return Optional.empty();
    }

    private static Optional<ParsedReply> fromConclusion(String text, LabelMentions mentions) {
        List<Cue> cues = cues(CONCLUSION_CUE, text);
        for (int i = cues.size() - 1; i >= 0; i--) {
            if (insideExplanation(text, cues.get(i).start())) {
                continue;
            }
            Optional<ParsedReply> reading = readSegment(segmentAfter(text, cues.get(i).end()), mentions, "conclusion");
            if (reading.isPresent()) {
                return reading;
            }
        }
        return Optional.empty();
    }

    /**
     * What a stated answer says: its first affirmed label, unless the next label follows with only a connector
     * between them ("positive or negative") or the answer opens with "either", "between", "could be": a hedge.
     */
    private static Optional<ParsedReply> readSegment(String segment, LabelMentions mentions, String rule) {
        List<LabelMentions.Mention> affirmed = mentions.affirmed(segment);
        if (affirmed.isEmpty()) {
            return Optional.empty();
        }
        LabelMentions.Mention first = affirmed.get(0);
        Set<String> distinct = new LinkedHashSet<>();
        affirmed.forEach(m -> distinct.add(m.label()));
        if (distinct.size() > 1) {
            LabelMentions.Mention next = affirmed.stream().filter(m -> !m.label().equals(first.label()))
                    .findFirst().orElseThrow();
            String between = segment.substring(first.end(), next.start());
            if (HEDGE_CONNECTOR.matcher(between).matches()) {
                return Optional.of(ParsedReply.invalid("hedge"));
            }
        }
        if (HEDGE_LEAD.matcher(segment.substring(0, first.start())).find() && distinct.size() > 1) {
            return Optional.of(ParsedReply.invalid("hedge"));
        }
        return Optional.of(new ParsedReply(first.label(), rule));
    }

    /** "..., since it is about markets around the world": a reason given for the answer, not the answer. */
    private static boolean insideExplanation(String text, int cueStart) {
        Matcher ends = SENTENCE_END.matcher(text.substring(0, cueStart));
        int sentenceStart = 0;
        while (ends.find()) {
            sentenceStart = ends.end();
        }
        return EXPLANATION.matcher(text.substring(sentenceStart, cueStart)).find();
    }

    /** The rest of the sentence after a cue; when the cue ends its line ("Answer:\n\nPositive"), the next line. */
    private static String segmentAfter(String text, int from) {
        String rest = text.substring(from);
        String trimmed = rest.stripLeading();
        if (trimmed.isEmpty()) {
            return "";
        }
        int offset = rest.length() - trimmed.length();
        Matcher end = SENTENCE_END.matcher(trimmed);
        int stop = end.find() ? end.start() : trimmed.length();
        if (stop == 0) {
            return "";
        }
        return rest.substring(0, offset + stop);
    }

    /** The reply's first words up to the first break ("Negative. ...", "**Sports** - the article ..."). */
    private static Optional<String> leadingLabel(String text, LabelSet labels) {
        String line = firstLine(text);
        String chunk = line.split("[.,:;!?(\\u2014\\u2013]|\\s-\\s", 2)[0];
        if (line.startsWith("?", chunk.length())) {
            return Optional.empty(); // "Positive? Negative? Hard to tell." asks, it does not answer
        }
        return labels.resolve(ReplyNormalizer.normalize(chunk));
    }

    private static String firstLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
    }

    private static ParsedReply fromMentions(String text, LabelMentions mentions) {
        List<LabelMentions.Mention> affirmed = mentions.affirmed(text);
        Set<String> distinct = new LinkedHashSet<>();
        affirmed.forEach(m -> distinct.add(m.label()));
        if (distinct.size() == 1) {
            return new ParsedReply(distinct.iterator().next(), "only-label");
        }
        if (distinct.isEmpty()) {
            return ParsedReply.invalid(REFUSAL.matcher(text).find() ? "refusal" : "no-label");
        }
        Set<String> emphasized = new LinkedHashSet<>();
        affirmed.stream().filter(LabelMentions.Mention::emphasized).forEach(m -> emphasized.add(m.label()));
        if (emphasized.size() == 1) {
            return new ParsedReply(emphasized.iterator().next(), "emphasis");
        }
        return ParsedReply.invalid("ambiguous");
    }

    /** Where a cue ends, and its connecting form (":", "is", ...) for answer cues. */
    private record Cue(int start, int end, String form) {
    }

    private static List<Cue> cues(Pattern pattern, String text) {
        List<Cue> cues = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            cues.add(new Cue(m.start(), m.end(), pattern == ANSWER_CUE ? m.group("form") : ""));
        }
        return cues;
    }

    private LabelMentions mentionsFor(LabelSet labels) {
        return mentionsByLabels.computeIfAbsent(labels, LabelMentions::new);
    }
}
