package dev.flowlens.options;

import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.time.TimeWindow;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The filters on a record's own fields: {@code --ip/--src/--dst}, {@code --port},
 * {@code --src-port/--dst-port}, {@code --protocol}, {@code --action}, {@code --status}. Part of
 * {@link FilterOptions} (with the interface and time window), and by itself where the command has
 * its own {@code --eni} and window ({@code ingest cloudwatch: --follow} prints the records that match).
 * Addresses and ports are read by the {@link Converters} the command line registers.
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class RecordFilterOptions {
    @Option(names = "--ip", paramLabel = "ADDR")
    Cidr ip;

    @Option(names = "--src", paramLabel = "ADDR")
    Cidr src;

    @Option(names = "--dst", paramLabel = "ADDR")
    Cidr dst;

    @Option(names = "--port", paramLabel = "N")
    Port port;

    @Option(names = "--src-port", paramLabel = "N")
    Port srcPort;

    @Option(names = "--dst-port", paramLabel = "N")
    Port dstPort;

    @Option(names = "--protocol", paramLabel = "P")
    String protocol;

    @Option(names = "--action", paramLabel = "A")
    String action;

    @Option(names = "--status", paramLabel = "S")
    String status;

    /** True when any of these options was given. */
    public boolean anyGiven() {
        return ip != null
                || src != null
                || dst != null
                || port != null
                || srcPort != null
                || dstPort != null
                || protocol != null
                || action != null
                || status != null;
    }

    /** These filters alone (any interface, any time). */
    public FlowFilter toFilter() {
        return text(List.of(), TimeWindow.ALL).toFilter();
    }

    /** The filters as typed, with an interface list and time window. */
    FilterText text(List<String> enis, TimeWindow window) {
        return new FilterText(enis, window, ip, src, dst, port, srcPort, dstPort, protocol, action, status);
    }
}
