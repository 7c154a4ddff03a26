package dev.flowlens.core.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A report's SQL, written by Flowlens, with its bound parameters in placeholder order. User values
 * only ever travel in {@link #params()}, never inside {@link #sql()}.
 */
public record ReportSql(String sql, List<Object> params) {
    public ReportSql {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }
}
