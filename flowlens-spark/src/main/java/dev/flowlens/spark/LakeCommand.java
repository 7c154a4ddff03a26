package dev.flowlens.spark;

import dev.flowlens.options.PrintingCommand;
import java.time.Clock;

/** What every {@code flowlens spark} command has besides printing ({@link PrintingCommand}): a clock. */
abstract class LakeCommand extends PrintingCommand {
    /** Relative times ({@code --from -2h}) count back from it; tests set it. */
    Clock clock = Clock.systemUTC();
}
