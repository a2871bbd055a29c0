package dev.labelbench.backend.gguf;

import dev.labelbench.core.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChatMlTemplateTest {

    @Test
    void rendersWhatLlamaServerFallsBackToForModelsWithoutATemplate() {
        // The form in ../shared/models/README.md ("Chat forms are the ChatML text llama-server renders").
        String rendered = ChatMlTemplate.render(List.of(
                new ChatMessage("system", "You are a classifier. Reply with exactly one of: positive, negative."),
                new ChatMessage("user", "a gorgeous , witty , seductive movie .")));
        assertEquals("<|im_start|>system\nYou are a classifier. Reply with exactly one of: positive, negative.<|im_end|>\n"
                + "<|im_start|>user\na gorgeous , witty , seductive movie .<|im_end|>\n"
                + "<|im_start|>assistant\n", rendered);
    }

    @Test
    void userOnlyAndMultiTurnPrompts() {
        assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
                ChatMlTemplate.render(List.of(new ChatMessage("user", "hi"))));
        assertEquals("<|im_start|>user\nq1<|im_end|>\n<|im_start|>assistant\na1<|im_end|>\n"
                        + "<|im_start|>user\nq2<|im_end|>\n<|im_start|>assistant\n",
                ChatMlTemplate.render(List.of(new ChatMessage("user", "q1"), new ChatMessage("assistant", "a1"),
                        new ChatMessage("user", "q2"))));
    }
}
