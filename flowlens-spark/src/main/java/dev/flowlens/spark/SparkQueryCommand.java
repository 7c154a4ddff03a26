package dev.flowlens.spark;

import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.options.InsightsQueryOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "query",
        description = {
            "Run a CloudWatch Logs Insights query over the lake, as flowlens query does over a workspace,",
            "e.g. 'stats sum(bytes) as b by srcAddr | sort b desc | limit 10'. See docs/queries.md."
        })
public final class SparkQueryCommand extends ResultCommand {
    @Mixin
    InsightsQueryOptions insights;

    @Override
    protected SparkSqlCommand.Result result(PrintWriter out) {
        // planned once, before Spark starts: a query that does not parse fails at once
        SqlPlan plan = LakeQuery.plan(insights.query(), insights.planOptions(clock));
        if (insights.showSql()) {
            out.print(plan.describe());
            return null;
        }
        return new LakeQuery(lake.session()).run(plan);
    }
}
