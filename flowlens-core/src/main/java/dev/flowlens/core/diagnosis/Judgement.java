package dev.flowlens.core.diagnosis;

import java.util.Objects;

/**
 * The verdict on one conversation and why.
 *
 * @param verdict the verdict
 * @param reason one sentence: which records led to it
 * @param capturedAt where the deciding record was captured (the rejecting end), or UNKNOWN
 */
public record Judgement(Verdict verdict, String reason, Side capturedAt) {
    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
