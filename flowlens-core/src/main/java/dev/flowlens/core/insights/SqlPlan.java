package dev.flowlens.core.insights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compiled query: SQL text written by the planner (never containing user text) over the workspace
 * table {@code flows}, the values to bind to its {@code ?} placeholders in order, and the result
 * columns as the user named them. The SQL selects exactly {@code columns.size()} columns in order.
 */
public record SqlPlan(String sql, List<Object> params, List<OutputColumn> columns) {
    public SqlPlan {
        params = Collections.unmodifiableList(new ArrayList<>(params));
        columns = List.copyOf(columns);
    }

    public record OutputColumn(String name, ValueKind kind) {}

    /** SQL and parameters as text, for golden files and logs. */
    public String describe() {
        StringBuilder b = new StringBuilder(sql).append('\n');
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            b.append("  $")
                    .append(i + 1)
                    .append(" = ")
                    .append(p instanceof String ? "'" + p + "'" : String.valueOf(p))
                    .append(p == null ? "" : " (" + p.getClass().getSimpleName() + ")")
                    .append('\n');
        }
        b.append("  columns:");
        for (OutputColumn c : columns) {
            b.append(' ').append(c.name()).append(':').append(c.kind());
        }
        return b.append('\n').toString();
    }
}
