package dev.flowlens.spark;

import dev.flowlens.core.insights.SqlDialect;
import dev.flowlens.core.insights.TemplateDialect;

/**
 * Spark SQL (ANSI mode, double-quoted names, as {@link Sessions} opens it) for the Insights planner,
 * written in the resource {@code spark.dialect}: no QUALIFY, {@code min_by} for {@code arg_min},
 * division by zero as doubles divide, absent values last in every ORDER BY as in DuckDB, and
 * backslashes escaped in string literals.
 */
public final class SparkDialect {
    public static final SqlDialect INSTANCE = TemplateDialect.load(SparkDialect.class, "spark.dialect");

    private SparkDialect() {}
}
