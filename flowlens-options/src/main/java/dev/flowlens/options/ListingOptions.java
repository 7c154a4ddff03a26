package dev.flowlens.options;

import picocli.CommandLine.Mixin;

/**
 * {@code -o/--output} and {@code --limit}: what a command that lists rows takes ({@code streams},
 * {@code bad-lines}, {@code search}, {@code conversations}). The command sets the limit's default:
 * {@code @Mixin ListingOptions listing = new ListingOptions(1000);}.
 */
public final class ListingOptions {
    @Mixin
    OutputOption output;

    @Mixin
    LimitOption limit;

    public ListingOptions() {
        this(1000);
    }

    public ListingOptions(int defaultLimit) {
        this.limit = new LimitOption(defaultLimit);
    }

    /** With a command that prints only the {@code offered} formats ({@link OutputOption#offering}). */
    public ListingOptions(int defaultLimit, OutputFormat... offered) {
        this(defaultLimit);
        this.output = OutputOption.offering(offered);
    }

    public OutputFormat format() {
        return output.format();
    }

    /** True for the formats laid out for a person (table, text), false for csv, json and jsonl. */
    public boolean tabular() {
        return format() == OutputFormat.TABLE || format() == OutputFormat.TEXT;
    }

    /** The limit, checked: at least 1. */
    public int limit() {
        return limit.value();
    }
}
