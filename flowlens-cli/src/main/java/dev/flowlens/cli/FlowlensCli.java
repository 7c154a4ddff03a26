package dev.flowlens.cli;

import dev.flowlens.cli.command.BadLinesCommand;
import dev.flowlens.cli.command.CheckCommand;
import dev.flowlens.cli.command.ConfigCommand;
import dev.flowlens.cli.command.ConversationsCommand;
import dev.flowlens.cli.command.DemoCommand;
import dev.flowlens.cli.command.DiagnoseCommand;
import dev.flowlens.cli.command.ExportCommand;
import dev.flowlens.cli.command.InfoCommand;
import dev.flowlens.cli.command.IngestCommand;
import dev.flowlens.cli.command.QueryCommand;
import dev.flowlens.cli.command.ReportCommand;
import dev.flowlens.cli.command.SearchCommand;
import dev.flowlens.cli.command.ServeCommand;
import dev.flowlens.cli.command.SqlCommand;
import dev.flowlens.cli.command.StreamsCommand;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.core.error.ErrorCodeSupplier;
import dev.flowlens.options.Converters;
import dev.flowlens.options.RootCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The only main(): the {@code flowlens} command and its subcommands ({@link RootCommand} gives -h/-V and the version). */
@Command(
        name = "flowlens",
        resourceBundle = "dev.flowlens.cli.help",
        description = "Reads AWS VPC Flow Logs and proves, record by record, whether it is the network.",
        subcommands = {
            DemoCommand.class,
            IngestCommand.class,
            InfoCommand.class,
            StreamsCommand.class,
            BadLinesCommand.class,
            CheckCommand.class,
            SearchCommand.class,
            ConversationsCommand.class,
            ExportCommand.class,
            DiagnoseCommand.class,
            ConfigCommand.class,
            QueryCommand.class,
            SqlCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FlowlensCli extends RootCommand {
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line, for main() and for in-process tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(new FlowlensCli(), out, err);
        cl.setExecutionExceptionHandler(new ErrorMapper());
        DiagnoseCommand.listVerdicts(cl.getSubcommands().get("diagnose").getCommandSpec());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            ErrorCodeSupplier code = Converters.codeOf(ex);
            c.getErr()
                    .println("flowlens: " + TerminalText.escapeLines(ex.getMessage())
                            + (code == null ? "" : " [" + code.name() + "]"));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return ErrorMapper.EXIT_USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        SignalStop.commandFinished();
        System.exit(code);
    }
}
