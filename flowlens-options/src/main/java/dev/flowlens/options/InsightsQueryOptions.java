package dev.flowlens.options;

import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A Logs Insights query and its time window, the same in {@code flowlens query} and {@code flowlens
 * spark query}: the {@code QUERY}, {@code --from/--to} and {@code --show-sql}. Use with {@code @Mixin}; {@link
 * #planOptions(Clock)} gives the window and the Logs Insights default row limit.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class InsightsQueryOptions {
    @Mixin
    TimeWindowOptions time;

    @Parameters(index = "0", paramLabel = "QUERY", descriptionKey = "query")
    String query;

    @Option(names = "--show-sql")
    boolean showSql;

    /** The query's text. */
    public String query() {
        return query;
    }

    /** True to print the plan rather than run it. */
    public boolean showSql() {
        return showSql;
    }

    /** The options of the query over the window; relative times count back from {@code clock}. */
    public PlanOptions planOptions(Clock clock) {
        TimeWindow window = time.window(clock);
        return new PlanOptions(window.from(), window.to(), PlanOptions.INSIGHTS_DEFAULT_LIMIT);
    }
}
