package dev.flowlens.options;

import dev.flowlens.core.filter.FlowFilter;
import java.time.Clock;
import picocli.CommandLine.Mixin;

/**
 * What {@code flowlens conversations} and {@code flowlens spark conversations} take: the record
 * filters, {@code -o table|csv|json} and {@code --limit} (default 100).
 */
public final class ConversationsOptions {
    @Mixin
    FilterOptions filters;

    @Mixin
    ListingOptions listing = new ListingOptions(100, OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON);

    /** The output format, one of those a list of conversations is printed in (checked before the command runs). */
    public OutputFormat format() {
        return listing.format();
    }

    /** The limit, checked: at least 1. */
    public int limit() {
        return listing.limit();
    }

    /** The filter; relative times count back from {@code clock}. */
    public FlowFilter filter(Clock clock) {
        return filters.toFilter(clock);
    }
}
