package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first allowed label or alias that appears as a whole word (longest spelling where they overlap), whatever comes
 * after it. Simple and predictable; suits prompts that make the model answer first.
 */
public final class FirstLabelParser implements ReplyParser {
    /** Compiled once per label set: a run parses thousands of replies against the same labels. */
    private final Map<LabelSet, LabelMentions> mentionsByLabels = new ConcurrentHashMap<>();

    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        List<LabelMentions.Mention> mentions = mentionsFor(labels).find(answer.text());
        return mentions.isEmpty() ? ParsedReply.invalid("no-label")
                : new ParsedReply(mentions.get(0).label(), "first-label");
    }

    private LabelMentions mentionsFor(LabelSet labels) {
        return mentionsByLabels.computeIfAbsent(labels, LabelMentions::new);
    }
}
