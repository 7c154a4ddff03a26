package dev.flowlens.cli.command;

import dev.flowlens.cli.CsvSafeOption;
import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.IpAddress;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.LimitOption;
import dev.flowlens.options.OptionChecks;
import dev.flowlens.options.OutputOption;
import dev.flowlens.options.TimeWindowOptions;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.report.ReportRunner;
import dev.flowlens.web.HtmlReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Run a built-in report (top talkers, rejected traffic, port scans, ...); --list shows them all.")
public final class ReportCommand extends WorkspaceCommand {
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

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description =
                    "Write one self-contained HTML file (overview charts, top tables, security reports, diagnoses of the conversations not established) instead.")
    Path html;

    @Option(
            names = "--config",
            paramLabel = "DIR",
            description = "AWS configuration folder naming the rules in the diagnoses of --html.")
    Path config;

    @Mixin
    OutputOption output;

    @Mixin
    CsvSafeOption csv;

    @Override
    public Integer call() throws Exception {
        if (html != null) {
            return writeHtml();
        }
        Printer printer = new Printer(spec.commandLine().getOut(), csv.safe());
        if (list || name == null) {
            List<List<Object>> rows = new ArrayList<>();
            for (Report r : Reports.ALL) {
                rows.add(List.of(r.name(), r.description(), r.requiresText()));
            }
            printer.print(new Table(List.of("report", "description", "needs"), rows), output.format());
            return 0;
        }
        Report report = Reports.require(name);
        TimeWindow window = time.window(Clock.systemUTC());
        ReportOptions options = new ReportOptions(
                window.from(),
                window.to(),
                IpAddress.textOf(address),
                eni,
                limit.value(),
                ReportOptions.binSeconds(bin),
                OptionChecks.positive(threshold, "--threshold"));
        Printer.Rows rows = printer.rows(output.format());
        try (Workspace ws = Workspace.openForQueries(workspace.path());
                QueryControl control = SignalStop.guard(QueryControl.untimed())) {
            new ReportRunner(ws.connection())
                    .stream(report, options, rows, control.recoverLostErrorsOn(ws.materialisingConnection()));
        }
        rows.finish();
        return 0;
    }

    private int writeHtml() throws Exception {
        if (name != null || list) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--html writes the whole report: give no report name or --list with it");
        }
        TimeWindow window = time.window(Clock.systemUTC());
        HtmlReport.write(workspace.path(), config, window.from(), window.to(), html, Clock.systemUTC());
        spec.commandLine().getOut().println("Wrote " + html.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
