package dev.flowlens.options;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command under the two roots ({@link RootCommand}) does the same way: its {@link
 * CheckedOptions} are checked first, then {@link #run} prints its results on the command line's output, which is flushed when it returns, and returns
 * the exit code. The CLI's workspace commands and the Spark application's lake commands add what
 * they read.
 */
public abstract class PrintingCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        check(spec);
        PrintWriter out = out();
        int code = run(out);
        out.flush();
        return code;
    }

    /** Checks the mixins of {@code command} that can be checked, and theirs, in declaration order. */
    private static void check(CommandSpec command) {
        for (CommandSpec mixin : command.mixins().values()) {
            if (mixin.userObject() instanceof CheckedOptions options) {
                options.check();
            }
            check(mixin);
        }
    }

    /** What the command does, printing its results on {@code out}, once its {@link CheckedOptions} are checked; its exit code. */
    protected abstract int run(PrintWriter out) throws Exception;

    /** Standard output of the command line. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
