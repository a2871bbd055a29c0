package dev.labelbench.parse;

/**
 * The part of a reply that can hold the answer (the reply without its thinking), or, when there is none, the invalid
 * reading that says why: an empty reply, or one cut off while still thinking.
 */
record AnswerText(String text, ParsedReply unreadable) {
    static AnswerText of(String reply) {
        if (reply == null || reply.isBlank()) {
            return new AnswerText("", ParsedReply.invalid("empty"));
        }
        if (ThinkingBlocks.unfinished(reply)) {
            return new AnswerText("", ParsedReply.invalid("unfinished-thinking"));
        }
        String text = ThinkingBlocks.strip(reply);
        if (text.isEmpty()) {
            return new AnswerText("", ParsedReply.invalid("thinking-only"));
        }
        return new AnswerText(text, null);
    }

    boolean readable() {
        return unreadable == null;
    }
}
