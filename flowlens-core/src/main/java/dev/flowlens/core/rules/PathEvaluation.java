package dev.flowlens.core.rules;

import java.util.List;

/**
 * The rules a connection meets on its way, as far as the configuration describes the two ends.
 *
 * @param findings one per hop evaluated, in packet order
 * @param blocking the first hop that denies, or null when every evaluated hop allows
 * @param notes what could not be evaluated (an end not in the configuration, ...), in words
 * @param complete true when every hop that applies was evaluated (both ends and their network ACLs
 *     are described), so an allowing path means the rules allow the traffic
 */
public record PathEvaluation(List<RuleFinding> findings, RuleFinding blocking, List<String> notes, boolean complete) {
    public PathEvaluation {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** The same evaluation with one more note (which does not change what was evaluated). */
    public PathEvaluation withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new PathEvaluation(findings, blocking, more, complete);
    }
}
