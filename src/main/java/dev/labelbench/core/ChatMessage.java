package dev.labelbench.core;

/** One message of a chat prompt: role is {@code system}, {@code user} or {@code assistant}. */
public record ChatMessage(String role, String content) {
}
