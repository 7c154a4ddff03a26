package dev.flowlens.core.insights;

import dev.flowlens.core.insights.SqlDialect.Construct;
import java.util.Map;

/** DuckDB's SQL: the workspace's engine, and the planner's default (its golden files are in this dialect). */
public final class DuckDbDialect implements SqlDialect {
    public static final SqlDialect INSTANCE = new DuckDbDialect();

    private static final Map<Construct, String> TEMPLATES = SqlDialect.templates(Map.ofEntries(
            Map.entry(Construct.TEXT_CAST, "CAST({0} AS VARCHAR)"),
            Map.entry(Construct.REGEX_FIND, "regexp_matches({0}, {1})"),
            Map.entry(Construct.REGEX_FULL_MATCH, "regexp_full_match({0}, {1})"),
            Map.entry(Construct.WHOLE_NUMBER, "CAST({0} AS BIGINT)"),
            Map.entry(Construct.INTEGER_DIVIDE, "({0} // {1})"),
            Map.entry(Construct.DIVIDE, "({0} / {1})"),
            Map.entry(Construct.MODULO, "({0} % {1})"),
            Map.entry(Construct.CEIL, "ceil({0})"),
            Map.entry(Construct.FLOOR, "floor({0})"),
            Map.entry(Construct.TRIM, "trim({0}, {1})"),
            Map.entry(Construct.LTRIM, "ltrim({0}, {1})"),
            Map.entry(Construct.RTRIM, "rtrim({0}, {1})"),
            Map.entry(Construct.CONCAT, "concat({0})"),
            Map.entry(Construct.PERCENTILE, "quantile_disc({0}, {1})"),
            Map.entry(Construct.VALUE_AT_MIN, "arg_min({0}, {1})"),
            Map.entry(Construct.VALUE_AT_MAX, "arg_max({0}, {1})"),
            Map.entry(
                    Construct.PADDED_GROUPS,
                    "array_to_string(list_transform(string_split({0}, ':'), lambda g: lpad(g, 4, '0')), '')"),
            Map.entry(Construct.GROUP_COUNT, "len(string_split({0}, ':'))"),
            Map.entry(Construct.ORDER_ASCENDING, "{0} ASC"),
            Map.entry(Construct.ORDER_DESCENDING, "{0} DESC"),
            Map.entry(Construct.ISO_SECONDS, "strftime(to_timestamp({0}), '%Y-%m-%dT%H:%M:%SZ')")));

    private DuckDbDialect() {}

    @Override
    public String template(Construct construct) {
        return TEMPLATES.get(construct);
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
