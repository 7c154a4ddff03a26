package dev.flowlens.options;

import dev.flowlens.core.net.IpAddress;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which built-in report to run and with what, the same in {@code flowlens report} and {@code
 * flowlens spark report}: the report's {@code NAME} or {@code --list}, {@code --from/--to}, {@code
 * --address}, {@code --eni}, {@code --limit}, {@code --bin} and {@code --threshold}. Use with
 * {@code @Mixin}; {@link #listing()} says whether to list the reports ({@link #listRows()}) or run
 * {@link #report()} with {@link #options(Clock)}.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class ReportChoices {
    /** The columns of {@link #listRows()}. */
    public static final List<String> LIST_COLUMNS = List.of("report", "description", "needs");

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", descriptionKey = "name")
    String name;

    @Option(names = "--list")
    boolean list;

    @Mixin
    TimeWindowOptions time;

    @Option(names = "--address", paramLabel = "IP")
    IpAddress address;

    @Option(names = "--eni", paramLabel = "ENI", descriptionKey = "report.eni")
    String eni;

    @Mixin
    LimitOption limit = new LimitOption(50);

    @Option(names = "--bin", paramLabel = "PERIOD")
    String bin = "1h";

    @Option(names = "--threshold", paramLabel = "N")
    int threshold = 10;

    /** True when the command lists the reports: {@code --list}, or no report named. */
    public boolean listing() {
        return list || name == null;
    }

    /** True when a report name or {@code --list} was given. */
    public boolean chosen() {
        return list || name != null;
    }

    /** One row per built-in report: its name, description and the fields it needs. */
    public static List<List<Object>> listRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Report r : Reports.ALL) {
            rows.add(List.of(r.name(), r.description(), r.requiresText()));
        }
        return rows;
    }

    /** The named report; an unknown name is an error suggesting the nearest. */
    public Report report() {
        return Reports.require(name);
    }

    /** The time window of {@code --from/--to}; relative times count back from {@code clock}. */
    public TimeWindow window(Clock clock) {
        return time.window(clock);
    }

    /** The report's options, checked; relative times count back from {@code clock}. */
    public ReportOptions options(Clock clock) {
        TimeWindow window = window(clock);
        return new ReportOptions(
                window.from(),
                window.to(),
                IpAddress.textOf(address),
                eni,
                limit.value(),
                ReportOptions.binSeconds(bin),
                OptionChecks.positive(threshold, "--threshold"));
    }
}
