package dev.flowlens.options;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FlowFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The structured filters shared by {@code search}, {@code conversations} and {@code diagnose}:
 * {@code --eni} (repeatable), {@code --from/--to}, {@code --ip/--src/--dst}, {@code --port},
 * {@code --src-port/--dst-port}, {@code --protocol}, {@code --action}, {@code --status}. Use with
 * {@code @Mixin} and call {@link #toFilter()} (or {@link #toFilter(Clock)} in tests).
 *
 * <p>Addresses, ports and times are read by the {@link Converters} the command line registers; the
 * other values in {@link #toFilter}, where a bad one fails with a {@link FlowlensException} that
 * names the option and the value.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class FilterOptions {
    @Option(names = "--eni", paramLabel = "ID")
    List<String> enis = new ArrayList<>();

    @Mixin
    TimeWindowOptions time;

    /** --ip, --src, --dst, the ports, --protocol, --action, --status: shared with {@code ingest cloudwatch: --follow}. */
    @Mixin
    RecordFilterOptions records = new RecordFilterOptions();

    /** The filter the options describe; relative times count back from now. */
    public FlowFilter toFilter() {
        return toFilter(Clock.systemUTC());
    }

    /** The filter the options describe; relative times count back from {@code clock}. */
    public FlowFilter toFilter(Clock clock) {
        return records.text(enis, time.window(clock)).toFilter();
    }
}
