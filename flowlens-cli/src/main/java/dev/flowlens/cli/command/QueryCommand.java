package dev.flowlens.cli.command;

import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.UserQueryOptions;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.options.InsightsQueryOptions;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.query.QueryLimits;
import dev.flowlens.store.query.QueryRunner;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "query",
        description =
                "Run a CloudWatch Logs Insights query over the workspace, e.g. 'stats sum(bytes) as b by srcAddr | sort b desc | limit 10'. See docs/queries.md.")
public final class QueryCommand extends WorkspaceCommand {
    @Mixin
    InsightsQueryOptions insights;

    @Mixin
    UserQueryOptions run;

    @Override
    protected int run(PrintWriter out) throws Exception {
        PlanOptions options = insights.planOptions(Clock.systemUTC());
        String query = insights.query();
        if (insights.showSql()) {
            out.print(QueryRunner.plan(query, options).describe());
            return 0;
        }
        QueryLimits l = run.toLimits();
        SqlPlan plan = QueryRunner.plan(query, options);
        Printer.Rows rows = run.rows(out);
        try (Workspace ws = workspace.openForQueries();
                QueryControl control = SignalStop.guard(new QueryControl(l))) {
            l.lockDown(ws.connection());
            new QueryRunner(ws.connection())
                    .stream(plan, rows, control.recoverLostErrorsOn(ws.materialisingConnection()));
        }
        rows.finish();
        return 0;
    }
}
