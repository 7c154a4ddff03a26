package dev.flowlens.options;

import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimePoint;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --from TIME} and {@code --to TIME}, the same on every command with a time window: read by
 * the {@link TimePoint} converter, checked as one window ({@code --from} after {@code --to} is a
 * usage error) by {@link #window(Clock)}. What the window selects is the command's to say.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class TimeWindowOptions {
    @Option(names = "--from", paramLabel = "TIME")
    TimePoint from;

    @Option(names = "--to", paramLabel = "TIME")
    TimePoint to;

    /** The window; relative times count back from {@code clock}. */
    public TimeWindow window(Clock clock) {
        return new TimeParser(clock).window(from, to);
    }
}
