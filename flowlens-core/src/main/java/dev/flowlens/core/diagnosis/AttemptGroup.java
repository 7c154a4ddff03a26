package dev.flowlens.core.diagnosis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.flowlens.core.time.IsoTime;
import java.util.List;

/**
 * Attempts with the same verdict: how many, and when that behaviour was first and last seen. Also
 * an element of {@link DiagnosisDocument#attempts()} as it is: its JSON has the components in this
 * order, with {@code started} and {@code ended} as UTC ISO-8601 text.
 *
 * @param started epoch seconds
 * @param ended epoch seconds
 * @param clients distinct client addresses, sorted, at most a few
 * @param enis ENIs that captured them, sorted
 */
@JsonPropertyOrder({"verdict", "count", "started", "ended", "clients", "enis", "reason"})
public record AttemptGroup(
        Verdict verdict, int count, long started, long ended, List<String> clients, List<String> enis, String reason) {
    public AttemptGroup {
        clients = List.copyOf(clients);
        enis = List.copyOf(enis);
    }

    @JsonProperty("started")
    String startedText() {
        return IsoTime.iso(started);
    }

    @JsonProperty("ended")
    String endedText() {
        return IsoTime.iso(ended);
    }
}
