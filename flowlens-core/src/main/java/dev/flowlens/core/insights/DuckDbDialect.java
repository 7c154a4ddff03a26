package dev.flowlens.core.insights;

/** DuckDB's SQL (the resource {@code duckdb.dialect}): the workspace's engine, and the planner's default (its golden files are in this dialect). */
public final class DuckDbDialect {
    public static final SqlDialect INSTANCE = TemplateDialect.load(DuckDbDialect.class, "duckdb.dialect");

    private DuckDbDialect() {}
}
