package dev.flowlens.cli;

import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.core.error.ErrorCodeSupplier;
import dev.flowlens.core.error.FlowlensException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The one place that turns a failure into a message and an exit code (0 done, 1 failed, 2 usage). */
public final class ErrorMapper implements CommandLine.IExecutionExceptionHandler {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    public static int exitCode(ErrorCodeSupplier code) {
        return switch (code.type()) {
            case USAGE -> EXIT_USAGE;
            case FAILURE, INTERNAL -> EXIT_FAILED;
        };
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof FlowlensException fe) {
            err.println("flowlens: " + TerminalText.escapeLines(fe.getMessage()) + " ["
                    + fe.code().name() + "]");
            err.flush();
            return exitCode(fe.code());
        }
        err.println("flowlens: internal error: " + TerminalText.escape(String.valueOf(ex)));
        if (System.getenv("FLOWLENS_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set FLOWLENS_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return EXIT_FAILED;
    }
}
