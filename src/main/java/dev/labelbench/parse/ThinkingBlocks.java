package dev.labelbench.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reasoning models write their thinking between {@code <think>} and {@code </think>} (also {@code <thinking>},
 * {@code <reasoning>}); that text weighs labels against each other and is never the answer. Some chat templates put
 * the opening tag in the prompt, so a reply may hold only the closing one: everything before it is thinking too.
 */
final class ThinkingBlocks {
    private static final Pattern CLOSED = Pattern.compile(
            "<(think|thinking|reasoning)>.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern OPENING = Pattern.compile("<(?:think|thinking|reasoning)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSING = Pattern.compile("</(?:think|thinking|reasoning)>", Pattern.CASE_INSENSITIVE);

    private ThinkingBlocks() {
    }

    /** True when the reply was cut off while still thinking: an opening tag that is never closed. */
    static boolean unfinished(String reply) {
        return OPENING.matcher(CLOSED.matcher(reply).replaceAll(" ")).find();
    }

    /** The reply without its thinking. */
    static String strip(String reply) {
        String text = CLOSED.matcher(reply).replaceAll(" ");
        Matcher orphan = CLOSING.matcher(text);
        int answerStart = 0;
        while (orphan.find()) {
            answerStart = orphan.end();
        }
        return text.substring(answerStart).strip();
    }
}
