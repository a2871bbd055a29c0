package dev.labelbench.core;

import java.util.List;

/**
 * A prompt rendered for one example by one template: chat messages, or a raw completion text (sent without the
 * server's chat template).
 */
public record Prompt(String template, Kind kind, List<ChatMessage> messages, String text) {
    public enum Kind { CHAT, COMPLETION }

    public Prompt {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public static Prompt chat(String template, List<ChatMessage> messages) {
        return new Prompt(template, Kind.CHAT, messages, null);
    }

    public static Prompt completion(String template, String text) {
        return new Prompt(template, Kind.COMPLETION, List.of(), text);
    }

    /** All the prompt's text in one string, for length checks and display. */
    public String flatText() {
        if (kind == Kind.COMPLETION) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (ChatMessage message : messages) {
            out.append(message.role()).append(": ").append(message.content()).append('\n');
        }
        return out.toString();
    }
}
