package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Conversation;
import java.util.Objects;

/** One connection attempt (a conversation) and its verdict. */
public record Attempt(Conversation conversation, Judgement judgement) {
    public Attempt {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(judgement, "judgement");
    }

    public Verdict verdict() {
        return judgement.verdict();
    }
}
