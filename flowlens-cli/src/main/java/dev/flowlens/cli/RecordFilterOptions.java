package dev.flowlens.cli;

import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The filters on a record's own fields: {@code --ip/--src/--dst}, {@code --port},
 * {@code --src-port/--dst-port}, {@code --protocol}, {@code --action}, {@code --status}. Part of
 * {@link FilterOptions} (with the interface and time window), and by itself where the command has
 * its own {@code --eni} and window ({@code ingest cloudwatch: --follow} prints the records that match).
 */
public final class RecordFilterOptions {
    @Option(
            names = "--ip",
            paramLabel = "ADDR",
            description = "Source or destination address or CIDR block (IPv4 or IPv6).")
    String ip;

    @Option(names = "--src", paramLabel = "ADDR", description = "Source address or CIDR block.")
    String src;

    @Option(names = "--dst", paramLabel = "ADDR", description = "Destination address or CIDR block.")
    String dst;

    @Option(names = "--port", paramLabel = "N", description = "Source or destination port.")
    String port;

    @Option(names = "--src-port", paramLabel = "N", description = "Source port.")
    String srcPort;

    @Option(names = "--dst-port", paramLabel = "N", description = "Destination port.")
    String dstPort;

    @Option(names = "--protocol", paramLabel = "P", description = "tcp, udp, icmp, icmpv6 or a protocol number.")
    String protocol;

    @Option(names = "--action", paramLabel = "A", description = "accept or reject.")
    String action;

    @Option(names = "--status", paramLabel = "S", description = "ok, nodata or skipdata.")
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
    public FlowFilter toFilter(Clock clock) {
        return text(List.of(), null, null).toFilter(clock);
    }

    /** The filters as typed, with an interface list and time window. */
    FilterText text(List<String> enis, String from, String to) {
        return new FilterText(enis, from, to, ip, src, dst, port, srcPort, dstPort, protocol, action, status);
    }
}
