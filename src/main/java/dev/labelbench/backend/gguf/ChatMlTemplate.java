package dev.labelbench.backend.gguf;

import dev.labelbench.core.ChatMessage;

import java.util.List;

/**
 * The ChatML rendering llama-server falls back to when a model file has no chat template:
 * {@code <|im_start|>role\ncontent<|im_end|>\n} per message, then {@code <|im_start|>assistant\n} to open the reply.
 * Rendering it here keeps the in-process backend's prompts byte-for-byte the same as the server's.
 */
public final class ChatMlTemplate {
    private ChatMlTemplate() {
    }

    public static String render(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage message : messages) {
            out.append("<|im_start|>").append(message.role()).append('\n')
                    .append(message.content()).append("<|im_end|>\n");
        }
        return out.append("<|im_start|>assistant\n").toString();
    }
}
