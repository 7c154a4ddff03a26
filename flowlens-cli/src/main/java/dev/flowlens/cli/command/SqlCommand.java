package dev.flowlens.cli.command;

import dev.flowlens.cli.CsvSafeOption;
import dev.flowlens.cli.QueryLimitOptions;
import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.options.OptionChecks;
import dev.flowlens.options.OutputOption;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.query.QueryLimits;
import dev.flowlens.store.query.SqlRunner;
import dev.flowlens.store.query.Streamed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description =
                "Run one read-only SQL query over the workspace. The table flows has the Athena column names (srcaddr, log_status, \"end\", ...).")
public final class SqlCommand extends WorkspaceCommand {
    @Mixin
    OutputOption output;

    @Option(names = "--max-rows", paramLabel = "N", description = "Print at most N rows (default: 10000).")
    int maxRows = 10_000;

    @Mixin
    QueryLimitOptions limits;

    @Mixin
    CsvSafeOption csv;

    @Parameters(
            index = "0",
            paramLabel = "SQL",
            description =
                    "The query, e.g. 'SELECT srcaddr, sum(bytes) FROM flows GROUP BY 1 ORDER BY 2 DESC LIMIT 10'.")
    String sql;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive(maxRows, "--max-rows");
        QueryLimits l = limits.toLimits();
        Printer.Rows rows = new Printer(out(), csv.safe()).rows(output.format());
        Streamed s;
        try (SqlRunner runner = SqlRunner.open(workspace.path(), l);
                QueryControl control = SignalStop.guard(new QueryControl(l))) {
            s = runner.stream(sql, maxRows, rows, control);
        }
        rows.finish();
        if (s.more()) {
            spec.commandLine()
                    .getErr()
                    .println("flowlens: showing the first " + maxRows
                            + " rows; raise --max-rows or add LIMIT to see more");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
