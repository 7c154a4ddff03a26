package dev.flowlens.core.diagnosis;

import java.util.List;

/**
 * What the workspace could see: the ENIs that logged either end, the window, gaps (NODATA,
 * SKIPDATA), flow logs that capture only ACCEPT or only REJECT, and how recent the newest record is.
 *
 * @param newestRecordEnd end of the newest record in the workspace, or null when empty
 * @param notes sentences explaining what could hide traffic
 * @param flowLogs what the flow log descriptions say of each end (empty when they were not described)
 */
public record Coverage(
        Long from,
        Long to,
        List<EniCoverage> enis,
        long noData,
        long skipData,
        List<String> acceptOnlyEnis,
        List<String> rejectOnlyEnis,
        Long newestRecordEnd,
        List<String> notes,
        List<EndFlowLogs> flowLogs) {
    public Coverage {
        flowLogs = List.copyOf(flowLogs);
        enis = List.copyOf(enis);
        acceptOnlyEnis = List.copyOf(acceptOnlyEnis);
        rejectOnlyEnis = List.copyOf(rejectOnlyEnis);
        notes = List.copyOf(notes);
    }

    /** The ends whose flow logs leave some traffic unrecorded. */
    public List<EndFlowLogs> partialEnds() {
        return flowLogs.stream().filter(EndFlowLogs::partial).toList();
    }
}
