package dev.flowlens.spark;

import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.options.InsightsQueryOptions;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "query",
        description = {
            "Run a CloudWatch Logs Insights query over the lake, as flowlens query does over a workspace,",
            "e.g. 'stats sum(bytes) as b by srcAddr | sort b desc | limit 10'. See docs/queries.md."
        })
public final class SparkQueryCommand extends OnLakeCommand {
    @Mixin
    InsightsQueryOptions insights;

    @Mixin
    OutputOption output;

    @Override
    protected int run(PrintWriter out) {
        OutputFormat format = output.rowsFormat();
        // planned once, before Spark starts: a query that does not parse fails at once
        SqlPlan plan = LakeQuery.plan(insights.query(), insights.planOptions(clock));
        if (insights.showSql()) {
            out.print(plan.describe());
            return 0;
        }
        SparkSession spark = lake.session();
        SparkSqlCommand.print(out, format, new LakeQuery(spark).run(plan));
        return 0;
    }
}
