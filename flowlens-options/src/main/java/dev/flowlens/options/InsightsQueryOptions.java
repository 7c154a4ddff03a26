package dev.flowlens.options;

import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A Logs Insights query and its time window, the same in {@code flowlens query} and {@code flowlens
 * spark query}: the {@code QUERY} and {@code --from/--to}. Use with {@code @Mixin}; {@link
 * #planOptions(Clock)} gives the window and the Logs Insights default row limit.
 */
public final class InsightsQueryOptions {
    @Mixin
    TimeWindowOptions time;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The Logs Insights query (quote it).")
    String query;

    /** The query's text. */
    public String query() {
        return query;
    }

    /** The options of the query over the window; relative times count back from {@code clock}. */
    public PlanOptions planOptions(Clock clock) {
        TimeWindow window = time.window(clock);
        return new PlanOptions(window.from(), window.to(), PlanOptions.INSIGHTS_DEFAULT_LIMIT);
    }
}
