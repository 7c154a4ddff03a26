package dev.flowlens.cli;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FlowFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The structured filters shared by {@code search}, {@code conversations} and {@code diagnose}:
 * {@code --eni} (repeatable), {@code --from/--to}, {@code --ip/--src/--dst}, {@code --port},
 * {@code --src-port/--dst-port}, {@code --protocol}, {@code --action}, {@code --status}. Use with
 * {@code @Mixin} and call {@link #toFilter()} (or {@link #toFilter(Clock)} in tests).
 *
 * <p>Values are kept as typed and read in {@link #toFilter}, so every bad value fails with a
 * {@link FlowlensException} that names the option and the value.
 */
public final class FilterOptions {
    @Option(
            names = "--eni",
            paramLabel = "ID",
            description = "Only this network interface (log stream); repeat for several.")
    List<String> enis = new ArrayList<>();

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description =
                    "Records whose capture window ends at or after TIME: ISO-8601, epoch seconds, or before now (-2h, 30m, 1d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Records whose capture window starts at or before TIME.")
    String to;

    /** --ip, --src, --dst, the ports, --protocol, --action, --status: shared with {@code ingest cloudwatch: --follow}. */
    @Mixin
    RecordFilterOptions records = new RecordFilterOptions();

    /** The filter the options describe; relative times count back from now. */
    public FlowFilter toFilter() {
        return toFilter(Clock.systemUTC());
    }

    /** The filter the options describe; relative times count back from {@code clock}. */
    public FlowFilter toFilter(Clock clock) {
        return records.text(enis, from, to).toFilter(clock);
    }
}
