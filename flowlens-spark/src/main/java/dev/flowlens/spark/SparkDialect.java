package dev.flowlens.spark;

import dev.flowlens.core.insights.SqlDialect;

/**
 * Spark SQL (ANSI mode, double-quoted names, as {@link Sessions} opens it) for the Insights planner:
 * no QUALIFY, {@code min_by} for {@code arg_min}, lambdas as {@code x -> ...}, division by zero as
 * doubles divide (DuckDB's Infinity and NaN, where ANSI Spark fails), absent values last in every
 * ORDER BY as in DuckDB, and backslashes escaped in string literals. Its templates are the Spark
 * column of {@link SqlDialect.Construct}'s table.
 */
public final class SparkDialect implements SqlDialect {
    public static final SqlDialect INSTANCE = new SparkDialect();

    private SparkDialect() {}

    @Override
    public String template(Construct construct) {
        return construct.spark();
    }

    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String fullMatchRegex(String regex) {
        return "^(?:" + regex + ")$";
    }

    @Override
    public boolean hasQualify() {
        return false;
    }
}
