package dev.flowlens.cli.command;

import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.UserQueryOptions;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.options.SqlOptions;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.query.QueryLimits;
import dev.flowlens.store.query.SqlRunner;
import dev.flowlens.store.query.Streamed;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "sql",
        description =
                "Run one read-only SQL query over the workspace. The table flows has the Athena column names (srcaddr, log_status, \"end\", ...).")
public final class SqlCommand extends WorkspaceCommand {
    @Mixin
    SqlOptions query;

    @Mixin
    UserQueryOptions run;

    @Override
    protected int run(PrintWriter out) throws Exception {
        int maxRows = query.maxRows();
        QueryLimits l = run.toLimits();
        Printer.Rows rows = run.rows(out);
        Streamed s;
        try (SqlRunner runner = SqlRunner.open(workspace.path(), l);
                QueryControl control = SignalStop.guard(new QueryControl(l))) {
            s = runner.stream(query.sql(), maxRows, rows, control);
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
