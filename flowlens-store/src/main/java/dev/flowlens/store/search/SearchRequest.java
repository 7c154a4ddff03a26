package dev.flowlens.store.search;

import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FlowFilter;
import java.util.List;
import java.util.Objects;

/**
 * What to find: records matching the structured filter and the filter pattern, the first
 * {@code limit} by start time; with {@code files}, only the records of those loaded inputs (by
 * {@code files.path}: the records an ingest just committed).
 */
public record SearchRequest(FlowFilter filter, FilterPattern pattern, int limit, List<String> files) {
    public SearchRequest(FlowFilter filter, FilterPattern pattern, int limit) {
        this(filter, pattern, limit, List.of());
    }

    public SearchRequest {
        files = files == null ? List.of() : List.copyOf(files);
        filter = filter == null ? FlowFilter.ANY : filter;
        pattern = pattern == null ? new FilterPattern.MatchAll("") : pattern;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Objects.requireNonNull(filter, "filter");
    }
}
