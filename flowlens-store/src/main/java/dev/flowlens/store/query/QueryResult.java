package dev.flowlens.store.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows of a query with named columns. Values are String, Long, Double, Boolean or null; timestamps
 * are already ISO-8601 UTC text.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
