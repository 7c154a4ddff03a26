package dev.flowlens.spark;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every {@code flowlens spark} command has: its command line, to print to, and a clock. */
abstract class LakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Relative times ({@code --from -2h}) count back from it; tests set it. */
    Clock clock = Clock.systemUTC();

    /** Where the command prints its results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
