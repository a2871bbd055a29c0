package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

import java.util.List;

/**
 * The first allowed label or alias that appears as a whole word (longest spelling where they overlap), whatever comes
 * after it. Simple and predictable; suits prompts that make the model answer first.
 */
public final class FirstLabelParser implements ReplyParser {
    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        List<LabelMentions.Mention> mentions = new LabelMentions(labels).find(answer.text());
        return mentions.isEmpty() ? ParsedReply.invalid("no-label")
                : new ParsedReply(mentions.get(0).label(), "first-label");
    }
}
