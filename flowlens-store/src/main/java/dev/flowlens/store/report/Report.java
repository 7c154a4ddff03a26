package dev.flowlens.store.report;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.sql.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A built-in report: a name, one line saying what it shows, the flow log fields it reads, and the
 * SQL it runs (over {@code f}, the workspace's flows inside the time range) with bound parameters.
 */
public record Report(
        String name,
        String description,
        Set<FlowField> requires,
        boolean needsAddress,
        Function<ReportOptions, SqlFragment> body) {
    public Report {
        requires = Set.copyOf(requires);
    }

    /** The whole statement: the time-range CTE {@code f}, then the report's query. */
    public SqlFragment sql(ReportOptions o) {
        SqlFragment b = body.apply(o);
        List<Object> params = new ArrayList<>();
        params.add(o.from() == null ? Long.MIN_VALUE : o.from());
        params.add(o.to() == null ? Long.MAX_VALUE : o.to());
        params.addAll(b.params());
        return new SqlFragment("WITH f AS (SELECT * FROM flows WHERE start BETWEEN ? AND ?) " + b.sql(), params);
    }
}
