package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorType;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.options.RootCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark application: {@code spark-submit --class dev.flowlens.spark.FlowlensSpark
 * flowlens-spark-app.jar COMMAND ...}, or {@code ./flowlens spark COMMAND ...} in local mode; -h/-V
 * and the version as {@code flowlens}'s ({@link RootCommand}).
 */
@Command(
        name = "flowlens spark",
        description = "The Flowlens analyses on Apache Spark, over a Parquet flow log lake.",
        resourceBundle = "dev.flowlens.spark.help",
        subcommands = {
            SparkDemoCommand.class,
            SparkIngestCommand.class,
            SparkDiagnoseCommand.class,
            SparkSqlCommand.class,
            SparkConversationsCommand.class,
            SparkQueryCommand.class,
            SparkReportCommand.class
        })
public final class FlowlensSpark extends RootCommand {
    @Override
    public void run() {
        // the commands as declared above, so that a new one is named here too
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        int code = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
        System.exit(code);
    }

    /** The command line, printing to {@code out} and {@code err}; errors become exit codes (2 usage, 1 failure). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(new FlowlensSpark(), out, err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable t = e;
            while (!(t instanceof FlowlensException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof FlowlensException f) {
                line.getErr().println("flowlens: " + f.getMessage());
                return f.code().type() == ErrorType.USAGE ? 2 : 1;
            }
            line.getErr().println("flowlens: " + e);
            return 1;
        });
        return cl;
    }
}
