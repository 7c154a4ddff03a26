package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
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

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Only records starting at or after TIME (ISO, epoch or -2h).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only records starting at or before TIME.")
    String to;

    @Option(
            names = "--address",
            paramLabel = "IP",
            description = "The address of traffic-from-source, traffic-to-destination and top-tcp-traffic.")
    String address;

    @Option(
            names = "--eni",
            paramLabel = "ENI",
            description = "The NAT gateway's network interface (nat-gateway-top-talkers).")
    String eni;

    @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: 50).")
    int limit = 50;

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

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table, csv, json or jsonl (default: table).")
    SparkSqlCommand.Output output = SparkSqlCommand.Output.TABLE;

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
                    out, output, new SparkSqlCommand.Result(List.of("report", "description", "needs"), rows, false));
            return 0;
        }
        Report report = Reports.require(name);
        if (lake == null) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "name the lake: --lake DIR");
        }
        if (limit < 1 || threshold < 1) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, (limit < 1 ? "--limit" : "--threshold") + " must be at least 1");
        }
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        ReportOptions options = new ReportOptions(
                window.from(),
                window.to(),
                FilterText.address(address, "--address"),
                eni,
                limit,
                ReportOptions.binSeconds(bin),
                threshold);
        report.checkAddress(options);
        SparkSession spark = Sessions.open(master);
        Lake.open(spark, lake);
        SparkSqlCommand.print(out, output, new LakeReport(spark).run(report, options));
        return 0;
    }
}
