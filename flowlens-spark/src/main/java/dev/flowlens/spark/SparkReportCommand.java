package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.IpAddress;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.LimitOption;
import dev.flowlens.options.OptionChecks;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import dev.flowlens.options.TimeWindowOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Run a built-in report over the lake, as flowlens report does over a workspace (top talkers,",
            "rejected traffic, port scans, ...); --list shows them all."
        })
public final class SparkReportCommand implements Callable<Integer> {
    @Option(
            names = "--lake",
            paramLabel = "DIR|URI",
            description = "The lake: a folder, or an s3a:// or hdfs:// URI (not needed with --list).")
    String lake;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]; ./flowlens spark uses local[*]).")
    String master;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The report to run.")
    String name;

    @Option(names = "--list", description = "List the reports with a one-line description and the fields each needs.")
    boolean list;

    @Mixin
    TimeWindowOptions time;

    @Option(
            names = "--address",
            paramLabel = "IP",
            description = "The address of traffic-from-source, traffic-to-destination and top-tcp-traffic.")
    IpAddress address;

    @Option(
            names = "--eni",
            paramLabel = "ENI",
            description = "The NAT gateway's network interface (nat-gateway-top-talkers).")
    String eni;

    @Mixin
    LimitOption limit = new LimitOption(50);

    @Option(
            names = "--bin",
            paramLabel = "PERIOD",
            description = "Time bucket of rejected-over-time: 5m, 1h, 1d (default: 1h).")
    String bin = "1h";

    @Option(
            names = "--threshold",
            paramLabel = "N",
            description = "Distinct ports or hosts that make a port scan (default: 10).")
    int threshold = 10;

    @Mixin
    OutputOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list || name == null) {
            List<List<Object>> rows = new ArrayList<>();
            for (Report r : Reports.ALL) {
                rows.add(List.of(r.name(), r.description(), r.requiresText()));
            }
            SparkSqlCommand.print(
                    out, format(), new SparkSqlCommand.Result(List.of("report", "description", "needs"), rows, false));
            return 0;
        }
        Report report = Reports.require(name);
        if (lake == null) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "name the lake: --lake DIR");
        }
        TimeWindow window = time.window(clock);
        ReportOptions options = new ReportOptions(
                window.from(),
                window.to(),
                IpAddress.textOf(address),
                eni,
                limit.value(),
                ReportOptions.binSeconds(bin),
                OptionChecks.positive(threshold, "--threshold"));
        report.checkAddress(options);
        SparkSession spark = Sessions.open(master);
        Lake.open(spark, lake);
        SparkSqlCommand.print(out, format(), new LakeReport(spark).run(report, options));
        return 0;
    }

    private OutputFormat format() {
        return output.offering(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON, OutputFormat.JSONL);
    }
}
