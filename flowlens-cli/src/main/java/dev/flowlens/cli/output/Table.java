package dev.flowlens.cli.output;

import dev.flowlens.options.OutputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of values with named columns: what most commands print, in any {@link OutputFormat}.
 * Values are String, Number, Boolean or null.
 */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "row has " + r.size() + " values for " + columns.size() + " columns");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = java.util.Collections.unmodifiableList(copy);
    }
}
