package dev.flowlens.core.insights;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The SQL an engine speaks where engines differ: the planner writes everything else once, and asks
 * its dialect for each construct below as a template whose {@code {0}}, {@code {1}}, ... stand for
 * the compiled arguments (each may appear any number of times, in any order). {@link DuckDbDialect}
 * is the workspace's and the default; the Spark engine has its own. Each dialect takes its column
 * of the {@link Construct} table.
 */
public interface SqlDialect {
    /**
     * The constructs that differ between engines, each with its arguments and its template in each
     * engine's SQL, side by side: DuckDB's, then Spark SQL's (ANSI mode, as the Spark engine opens
     * its sessions). A new construct needs both to compile.
     */
    enum Construct {
        /** {0} as text. */
        TEXT_CAST("CAST({0} AS VARCHAR)", "CAST({0} AS STRING)"),
        /** Whether the text {0} contains a match of the regular expression {1}. */
        REGEX_FIND("regexp_matches({0}, {1})", "({0} RLIKE {1})"),
        /** Whether the whole text {0} matches {1} (a literal from {@link #fullMatchRegex}). */
        REGEX_FULL_MATCH("regexp_full_match({0}, {1})", "({0} RLIKE {1})"),
        /** The number {0} as a whole number (rounded, as DuckDB casts; Spark's cast truncates). */
        WHOLE_NUMBER("CAST({0} AS BIGINT)", "CAST(round({0}) AS BIGINT)"),
        /** The whole number {0} divided by the whole number {1}, the fraction dropped. */
        INTEGER_DIVIDE("({0} // {1})", "({0} div {1})"),
        /** {0} divided by {1}; by zero as doubles divide (DuckDB's Infinity and NaN, where ANSI Spark fails). */
        DIVIDE("({0} / {1})", "(CASE WHEN {1} = 0 THEN {0} * CAST('Infinity' AS DOUBLE) ELSE {0} / {1} END)"),
        /** The remainder of {0} divided by {1}. */
        MODULO("({0} % {1})", "({0} % {1})"),
        /** The smallest whole number not below {0}, as a double (Spark's ceil of a double is a BIGINT). */
        CEIL("ceil({0})", "(ceil({0}) + 0 * {0})"),
        /** The largest whole number not above {0}, as a double (Spark's floor of a double is a BIGINT). */
        FLOOR("floor({0})", "(floor({0}) + 0 * {0})"),
        /** The text {0} without the characters of {1} at both ends. */
        TRIM("trim({0}, {1})", "trim(BOTH {1} FROM {0})"),
        /** The text {0} without the characters of {1} at its start. */
        LTRIM("ltrim({0}, {1})", "trim(LEADING {1} FROM {0})"),
        /** The text {0} without the characters of {1} at its end. */
        RTRIM("rtrim({0}, {1})", "trim(TRAILING {1} FROM {0})"),
        /** The texts {0} (a comma-separated list of arguments) joined, absent ones left out. */
        CONCAT("concat({0})", "concat_ws('', {0})"),
        /** The discrete percentile {1} (0 to 1) of {0} (an aggregate). */
        PERCENTILE("quantile_disc({0}, {1})", "percentile_disc({1}) WITHIN GROUP (ORDER BY {0})"),
        /** The value of {0} where {1} is lowest (an aggregate). */
        VALUE_AT_MIN("arg_min({0}, {1})", "min_by({0}, {1})"),
        /** The value of {0} where {1} is highest (an aggregate). */
        VALUE_AT_MAX("arg_max({0}, {1})", "max_by({0}, {1})"),
        /** The ':'-separated groups of the text {0}, each padded to 4 characters with '0', joined. */
        PADDED_GROUPS(
                "array_to_string(list_transform(string_split({0}, ':'), lambda g: lpad(g, 4, '0')), '')",
                "array_join(transform(split({0}, ':'), g -> lpad(g, 4, '0')), '')"),
        /** The number of ':'-separated groups of the text {0}. */
        GROUP_COUNT("len(string_split({0}, ':'))", "size(split({0}, ':'))"),
        /** The ORDER BY key {0} ascending, absent values last. */
        ORDER_ASCENDING("{0} ASC", "{0} ASC NULLS LAST"),
        /** The ORDER BY key {0} descending, absent values last. */
        ORDER_DESCENDING("{0} DESC", "{0} DESC NULLS LAST"),
        /** The epoch seconds {0} as ISO text in UTC, {@code 2026-11-20T10:00:00Z}. */
        ISO_SECONDS(
                "strftime(to_timestamp({0}), '%Y-%m-%dT%H:%M:%SZ')",
                "date_format(timestamp_seconds({0}), 'yyyy-MM-dd\\'T\\'HH:mm:ss\\'Z\\'')");

        private final String duckDb;
        private final String spark;

        Construct(String duckDb, String spark) {
            this.duckDb = duckDb;
            this.spark = spark;
        }

        /** The template in DuckDB's SQL ({@link DuckDbDialect}). */
        public String duckDb() {
            return duckDb;
        }

        /** The template in Spark SQL (ANSI mode), the Spark engine's dialect. */
        public String spark() {
            return spark;
        }
    }

    /** The template of a construct. */
    String template(Construct construct);

    /** A string literal of {@code value}, quoted and escaped. */
    String stringLiteral(String value);

    /** The regular expression that {@link Construct#REGEX_FULL_MATCH} is given for {@code regex}. */
    default String fullMatchRegex(String regex) {
        return regex;
    }

    /** Whether a SELECT can filter on window functions with {@code QUALIFY}. */
    boolean hasQualify();

    /** The construct {@code c} of SQL texts {@code args} (the planner's, never the user's). */
    default String sql(Construct c, String... args) {
        StringBuilder b = new StringBuilder();
        fill(template(c), b::append, i -> b.append(args[i]));
        return b.toString();
    }

    /** Walks a template: the text between its slots to {@code text}, each slot's argument index to {@code slot}. */
    static void fill(String template, Consumer<String> text, IntConsumer slot) {
        int start = 0;
        for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', start)) {
            int close = template.indexOf('}', i);
            text.accept(template.substring(start, i));
            slot.accept(Integer.parseInt(template.substring(i + 1, close)));
            start = close + 1;
        }
        text.accept(template.substring(start));
    }
}
