package dev.flowlens.options;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command under the two roots ({@link RootCommand}) does the same way: {@link #run}
 * prints its results on the command line's output, which is flushed when it returns, and returns
 * the exit code. The CLI's workspace commands and the Spark application's lake commands add what
 * they read.
 */
public abstract class PrintingCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = out();
        int code = run(out);
        out.flush();
        return code;
    }

    /** What the command does, printing its results on {@code out}; its exit code. */
    protected abstract int run(PrintWriter out) throws Exception;

    /** Standard output of the command line. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
