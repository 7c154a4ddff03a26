package dev.flowlens.cli.command;

import dev.flowlens.cli.CsvSafeOption;
import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.OutputOption;
import dev.flowlens.options.ReportChoices;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.report.ReportRunner;
import dev.flowlens.web.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        description = "Run a built-in report (top talkers, rejected traffic, port scans, ...); --list shows them all.")
public final class ReportCommand extends WorkspaceCommand {
    @Mixin
    ReportChoices choices;

    @Option(names = "--html", paramLabel = "FILE")
    Path html;

    @Option(names = "--config", paramLabel = "DIR", descriptionKey = "report.config")
    Path config;

    @Mixin
    OutputOption output;

    @Mixin
    CsvSafeOption csv;

    @Override
    protected int run(PrintWriter out) throws Exception {
        if (html != null) {
            return writeHtml(out);
        }
        Printer printer = new Printer(out, csv.safe());
        if (choices.listing()) {
            printer.print(new Table(ReportChoices.LIST_COLUMNS, ReportChoices.listRows()), output.format());
            return 0;
        }
        Report report = choices.report();
        ReportOptions options = choices.options(Clock.systemUTC());
        Printer.Rows rows = printer.rows(output.format());
        try (Workspace ws = workspace.openForQueries();
                QueryControl control = SignalStop.guard(QueryControl.untimed())) {
            new ReportRunner(ws.connection())
                    .stream(report, options, rows, control.recoverLostErrorsOn(ws.materialisingConnection()));
        }
        rows.finish();
        return 0;
    }

    private int writeHtml(PrintWriter out) throws Exception {
        if (choices.chosen()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--html writes the whole report: give no report name or --list with it");
        }
        TimeWindow window = choices.window(Clock.systemUTC());
        HtmlReport.write(workspace.path(), config, window.from(), window.to(), html, Clock.systemUTC());
        out.println("Wrote " + html.toAbsolutePath());
        return 0;
    }
}
