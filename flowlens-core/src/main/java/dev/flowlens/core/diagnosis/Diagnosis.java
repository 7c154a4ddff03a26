package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.rules.PathEvaluation;
import java.util.List;
import java.util.Objects;

/**
 * The answer to "is it the network?" for one request.
 *
 * @param verdict the verdict of the most recent behaviour (NOT_OBSERVED when nothing matched)
 * @param summary a short explanation a network engineer would write
 * @param groups attempts grouped by verdict, in the order each behaviour started
 * @param attempts every attempt, by first seen
 * @param evidence the records that prove it (file and line), by time
 * @param coverage what could be seen
 * @param causes likely causes, most likely first
 * @param rules the rule evaluation when a configuration was given, else null
 */
public record Diagnosis(
        Verdict verdict,
        String summary,
        List<AttemptGroup> groups,
        List<Attempt> attempts,
        List<Flow> evidence,
        Coverage coverage,
        List<String> causes,
        PathEvaluation rules) {
    public Diagnosis {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        groups = List.copyOf(groups);
        attempts = List.copyOf(attempts);
        evidence = List.copyOf(evidence);
        causes = List.copyOf(causes);
    }
}
