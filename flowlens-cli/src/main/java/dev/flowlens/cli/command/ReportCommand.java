package dev.flowlens.cli.command;

import dev.flowlens.cli.PrintedRows;
import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.options.ReportChoices;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.report.ReportRunner;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "report",
        description = "Run a built-in report (top talkers, rejected traffic, port scans, ...); --list shows them all.")
public final class ReportCommand extends WorkspaceCommand {
    @Mixin
    ReportChoices choices;

    @Mixin
    HtmlReportOptions html;

    @Mixin
    PrintedRows output;

    @Override
    protected int run(PrintWriter out) throws Exception {
        if (html.requested()) {
            return writeHtml(out);
        }
        Printer printer = output.printer(out);
        if (choices.listing()) {
            printer.print(new Table(ReportChoices.LIST_COLUMNS, ReportChoices.listRows()), output.format());
            return 0;
        }
        Report report = choices.report();
        ReportOptions options = choices.options(Clock.systemUTC());
        Printer.Rows rows = output.rows(out);
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
        html.write(workspace.path(), choices.window(Clock.systemUTC()), out);
        return 0;
    }
}
