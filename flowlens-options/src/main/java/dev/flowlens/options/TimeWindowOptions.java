package dev.flowlens.options;

import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimePoint;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * {@code --from TIME} and {@code --to TIME}, the same on every command with a time window: read by
 * the {@link TimePoint} converter, checked as one window ({@code --from} after {@code --to} is a
 * usage error) by {@link #window(Clock)}. What the window selects is the command's to say.
 */
public final class TimeWindowOptions {
    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Start of the time window: ISO-8601, epoch seconds or before now (-2h, 30m, 1d).")
    TimePoint from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the time window (default: open).")
    TimePoint to;

    /** The window; relative times count back from {@code clock}. */
    public TimeWindow window(Clock clock) {
        return new TimeParser(clock).window(from, to);
    }
}
