package dev.flowlens.store.search;

import java.util.List;

/**
 * The records found, ordered by start time (then file and line).
 *
 * @param more whether more records matched than the limit let through
 */
public record SearchResult(List<FlowRow> rows, boolean more) {
    public SearchResult {
        rows = List.copyOf(rows);
    }
}
