package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.options.OutputOption;
import dev.flowlens.options.ReportChoices;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        description = {
            "Run a built-in report over the lake, as flowlens report does over a workspace (top talkers,",
            "rejected traffic, port scans, ...); --list shows them all."
        })
public final class SparkReportCommand extends LakeCommand {
    /** Not required: {@code --list} needs no lake. */
    @Option(names = "--lake", paramLabel = "DIR|URI", descriptionKey = "report.lake")
    String lake;

    @Mixin
    MasterOption master = new MasterOption();

    @Mixin
    ReportChoices choices;

    @Mixin
    OutputOption output = OutputOption.rows();

    @Override
    protected int run(PrintWriter out) {
        if (choices.listing()) {
            SparkSqlCommand.print(
                    out,
                    output.format(),
                    new SparkSqlCommand.Result(ReportChoices.LIST_COLUMNS, ReportChoices.listRows(), false));
            return 0;
        }
        Report report = choices.report();
        if (lake == null) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "name the lake: --lake DIR");
        }
        ReportOptions options = choices.options(clock);
        report.checkAddress(options);
        SparkSession spark = master.session();
        Lake.open(spark, lake);
        SparkSqlCommand.print(out, output.format(), new LakeReport(spark).run(report, options));
        return 0;
    }
}
