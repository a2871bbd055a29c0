package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's regular expression (case-insensitive) whose capture group holds the label: the group named {@code label}
 * if there is one, else group 1. Where it matches several times the last match wins, as a reply's final statement
 * does; the captured text must then be an allowed label or alias.
 */
public final class RegexParser implements ReplyParser {
    private final Pattern pattern;
    private final boolean namedGroup;

    public RegexParser(String regex) {
        if (regex == null || regex.isBlank()) {
            throw LabelbenchException.usage("the regex parse strategy needs a pattern with a capture group, "
                    + "e.g. 'Answer:\\s*(\\w+)'");
        }
        try {
            this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw LabelbenchException.usage("parse pattern '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
        this.namedGroup = regex.contains("(?<label>");
        if (!namedGroup && pattern.matcher("").groupCount() < 1) {
            throw LabelbenchException.usage("parse pattern '" + regex + "' has no capture group: put the label part "
                    + "in parentheses, e.g. 'Answer:\\s*(\\w+)'");
        }
    }

    @Override
    public ParsedReply parse(String reply, LabelSet labels) {
        AnswerText answer = AnswerText.of(reply);
        if (!answer.readable()) {
            return answer.unreadable();
        }
        Matcher m = pattern.matcher(answer.text());
        String captured = null;
        while (m.find()) {
            String group = namedGroup ? m.group("label") : m.group(1);
            if (group != null) {
                captured = group;
            }
        }
        if (captured == null) {
            return ParsedReply.invalid("regex-no-match");
        }
        return labels.resolve(ReplyNormalizer.normalize(captured))
                .map(label -> new ParsedReply(label, "regex"))
                .orElseGet(() -> ParsedReply.invalid("regex-not-a-label"));
    }
}
