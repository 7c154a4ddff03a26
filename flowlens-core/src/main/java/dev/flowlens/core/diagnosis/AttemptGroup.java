package dev.flowlens.core.diagnosis;

import java.util.List;

/**
 * Attempts with the same verdict: how many, and when that behaviour was first and last seen.
 *
 * @param clients distinct client addresses, sorted, at most a few
 * @param enis ENIs that captured them, sorted
 */
public record AttemptGroup(
        Verdict verdict, int count, long started, long ended, List<String> clients, List<String> enis, String reason) {
    public AttemptGroup {
        clients = List.copyOf(clients);
        enis = List.copyOf(enis);
    }
}
