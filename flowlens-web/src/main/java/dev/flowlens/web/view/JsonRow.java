package dev.flowlens.web.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table row as a JSON object: the CLI's column names as keys, in order. */
public final class JsonRow {
    private JsonRow() {}

    public static Map<String, Object> of(List<String> columns, List<?> values) {
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + values.size() + " values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put(columns.get(i), values.get(i));
        }
        return m;
    }
}
