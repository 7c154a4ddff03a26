package dev.flowlens.spark;

import dev.flowlens.core.insights.SqlDialect;
import java.util.Map;

/**
 * Spark SQL (ANSI mode, double-quoted names, as {@link Sessions} opens it) for the Insights planner:
 * no QUALIFY, {@code min_by} for {@code arg_min}, lambdas as {@code x -> ...}, division by zero as
 * doubles divide (DuckDB's Infinity and NaN, where ANSI Spark fails), absent values last in every
 * ORDER BY as in DuckDB, and backslashes escaped in string literals.
 */
public final class SparkDialect implements SqlDialect {
    public static final SqlDialect INSTANCE = new SparkDialect();

    private static final Map<Construct, String> TEMPLATES = SqlDialect.templates(Map.ofEntries(
            Map.entry(Construct.TEXT_CAST, "CAST({0} AS STRING)"),
            Map.entry(Construct.REGEX_FIND, "({0} RLIKE {1})"),
            Map.entry(Construct.REGEX_FULL_MATCH, "({0} RLIKE {1})"),
            // DuckDB rounds a double cast to a whole number; Spark truncates it
            Map.entry(Construct.WHOLE_NUMBER, "CAST(round({0}) AS BIGINT)"),
            Map.entry(Construct.INTEGER_DIVIDE, "({0} div {1})"),
            // DuckDB divides by zero as doubles do (Infinity, NaN); ANSI Spark fails
            Map.entry(Construct.DIVIDE, "(CASE WHEN {1} = 0 THEN {0} * CAST('Infinity' AS DOUBLE) ELSE {0} / {1} END)"),
            Map.entry(Construct.MODULO, "({0} % {1})"),
            // Spark's ceil and floor of a double are whole numbers (BIGINT), DuckDB's doubles
            Map.entry(Construct.CEIL, "(ceil({0}) + 0 * {0})"),
            Map.entry(Construct.FLOOR, "(floor({0}) + 0 * {0})"),
            Map.entry(Construct.TRIM, "trim(BOTH {1} FROM {0})"),
            Map.entry(Construct.LTRIM, "trim(LEADING {1} FROM {0})"),
            Map.entry(Construct.RTRIM, "trim(TRAILING {1} FROM {0})"),
            Map.entry(Construct.CONCAT, "concat_ws('', {0})"),
            Map.entry(Construct.PERCENTILE, "percentile_disc({1}) WITHIN GROUP (ORDER BY {0})"),
            Map.entry(Construct.VALUE_AT_MIN, "min_by({0}, {1})"),
            Map.entry(Construct.VALUE_AT_MAX, "max_by({0}, {1})"),
            Map.entry(Construct.PADDED_GROUPS, "array_join(transform(split({0}, ':'), g -> lpad(g, 4, '0')), '')"),
            Map.entry(Construct.GROUP_COUNT, "size(split({0}, ':'))"),
            Map.entry(Construct.ORDER_ASCENDING, "{0} ASC NULLS LAST"),
            Map.entry(Construct.ORDER_DESCENDING, "{0} DESC NULLS LAST"),
            Map.entry(
                    Construct.ISO_SECONDS, "date_format(timestamp_seconds({0}), 'yyyy-MM-dd\\'T\\'HH:mm:ss\\'Z\\'')")));

    private SparkDialect() {}

    @Override
    public String template(Construct construct) {
        return TEMPLATES.get(construct);
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
