package dev.flowlens.spark;

import dev.flowlens.core.insights.PlanOptions;
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
        PlanOptions options = insights.planOptions(clock);
        String query = insights.query();
        if (insights.showSql()) {
            out.print(LakeQuery.plan(query, options).describe());
            return 0;
        }
        LakeQuery.plan(query, options); // a query that does not parse fails before Spark starts
        SparkSession spark = lake.session();
        SparkSqlCommand.print(out, format, new LakeQuery(spark).run(query, options));
        return 0;
    }
}
