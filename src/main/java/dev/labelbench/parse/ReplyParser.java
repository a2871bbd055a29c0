package dev.labelbench.parse;

import dev.labelbench.core.LabelSet;

/** Turns a model's raw reply into one of the allowed labels, or invalid. Implementations are thread-safe. */
public interface ReplyParser {
    ParsedReply parse(String reply, LabelSet labels);
}
