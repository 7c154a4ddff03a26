package dev.flowlens.cli.command;

import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.web.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code report --html FILE [--config DIR]}: the whole report as one HTML file, the configuration naming the rules in its diagnoses. */
public final class HtmlReportOptions {
    @Option(names = "--html", paramLabel = "FILE")
    Path html;

    @Option(names = "--config", paramLabel = "DIR", descriptionKey = "report.config")
    Path config;

    boolean requested() {
        return html != null;
    }

    /** Writes the report of {@code workspace} for {@code window} and says where. */
    void write(Path workspace, TimeWindow window, PrintWriter out) throws Exception {
        HtmlReport.write(workspace, config, window.from(), window.to(), html, Clock.systemUTC());
        out.println("Wrote " + html.toAbsolutePath());
    }
}
