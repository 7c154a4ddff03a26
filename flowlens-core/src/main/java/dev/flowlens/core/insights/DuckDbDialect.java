package dev.flowlens.core.insights;

import dev.flowlens.core.insights.SqlDialect.Construct;

/** DuckDB's SQL: the workspace's engine, and the planner's default (its golden files are in this dialect). */
public final class DuckDbDialect implements SqlDialect {
    public static final SqlDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {}

    @Override
    public String template(Construct construct) {
        return construct.duckDb();
    }

    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public boolean hasQualify() {
        return true;
    }
}
