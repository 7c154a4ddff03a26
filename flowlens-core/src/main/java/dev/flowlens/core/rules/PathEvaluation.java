package dev.flowlens.core.rules;

import java.util.List;

/**
 * The rules a connection meets on its way, as far as the configuration describes the two ends.
 *
 * @param findings one per hop evaluated, in packet order
 * @param blocking the first hop that denies, or null when every evaluated hop allows
 * @param notes what could not be evaluated (an end not in the configuration, ...)
 */
public record PathEvaluation(List<RuleFinding> findings, RuleFinding blocking, List<String> notes) {
    public PathEvaluation {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
