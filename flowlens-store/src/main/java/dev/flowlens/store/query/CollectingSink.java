package dev.flowlens.store.query;

import java.util.ArrayList;
import java.util.List;

/** Keeps every row: for the callers that want a {@link QueryResult} (small results, tests). */
public final class CollectingSink implements RowSink {
    private List<String> columns = List.of();
    private final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void start(List<String> names) {
        columns = List.copyOf(names);
    }

    @Override
    public void row(List<Object> values) {
        rows.add(new ArrayList<>(values));
    }

    public QueryResult result() {
        return new QueryResult(columns, rows);
    }
}
