package dev.flowlens.core.insights;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The SQL an engine speaks where engines differ: the planner writes everything else once, and asks
 * its dialect for each construct below as a template whose {@code {0}}, {@code {1}}, ... stand for
 * the compiled arguments (each may appear any number of times, in any order). {@link DuckDbDialect}
 * is the workspace's and the default; the Spark engine has its own. Both are {@link TemplateDialect}s.
 */
public interface SqlDialect {
    /** The constructs that differ between engines; each names its arguments. */
    enum Construct {
        /** {0} as text. */
        TEXT_CAST,
        /** Whether the text {0} contains a match of the regular expression {1}. */
        REGEX_FIND,
        /** Whether the whole text {0} matches {1} (a literal from {@link #fullMatchRegex}). */
        REGEX_FULL_MATCH,
        /** The number {0} as a whole number (rounded, as DuckDB casts). */
        WHOLE_NUMBER,
        /** The whole number {0} divided by the whole number {1}, the fraction dropped. */
        INTEGER_DIVIDE,
        /** {0} divided by {1}. */
        DIVIDE,
        /** The remainder of {0} divided by {1}. */
        MODULO,
        /** The smallest whole number not below {0}, as a double. */
        CEIL,
        /** The largest whole number not above {0}, as a double. */
        FLOOR,
        /** The text {0} without the characters of {1} at both ends. */
        TRIM,
        /** The text {0} without the characters of {1} at its start. */
        LTRIM,
        /** The text {0} without the characters of {1} at its end. */
        RTRIM,
        /** The texts {0} (a comma-separated list of arguments) joined, absent ones left out. */
        CONCAT,
        /** The discrete percentile {1} (0 to 1) of {0} (an aggregate). */
        PERCENTILE,
        /** The value of {0} where {1} is lowest (an aggregate). */
        VALUE_AT_MIN,
        /** The value of {0} where {1} is highest (an aggregate). */
        VALUE_AT_MAX,
        /** The ':'-separated groups of the text {0}, each padded to 4 characters with '0', joined. */
        PADDED_GROUPS,
        /** The number of ':'-separated groups of the text {0}. */
        GROUP_COUNT,
        /** The ORDER BY key {0} ascending, absent values last. */
        ORDER_ASCENDING,
        /** The ORDER BY key {0} descending, absent values last. */
        ORDER_DESCENDING,
        /** The epoch seconds {0} as ISO text in UTC, {@code 2026-11-20T10:00:00Z}. */
        ISO_SECONDS
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
