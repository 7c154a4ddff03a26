package dev.flowlens.spark;

import dev.flowlens.options.OutputOption;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * A lake command that prints one table of results ({@code query}, {@code sql}): in {@code -o
 * table|csv|json|jsonl}, followed on standard error by a note when rows were cut off.
 */
abstract class ResultCommand extends OnLakeCommand {
    @Mixin
    OutputOption output = OutputOption.rows();

    @Override
    protected final int run(PrintWriter out) {
        SparkSqlCommand.Result r = result(out);
        if (r != null) {
            SparkSqlCommand.print(out, output.format(), r);
            if (r.more()) {
                spec.commandLine()
                        .getErr()
                        .println("flowlens: showing the first " + r.rows().size()
                                + " rows; raise --max-rows or add LIMIT to see more");
            }
        }
        return 0;
    }

    /** The rows to print; null when the command printed something else ({@code query --show-sql}). */
    protected abstract SparkSqlCommand.Result result(PrintWriter out);
}
