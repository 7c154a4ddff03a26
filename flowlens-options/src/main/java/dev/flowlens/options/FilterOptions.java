package dev.flowlens.options;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
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
 * <p>Addresses, ports and times are read by the {@link Converters} the command line registers; the
 * other values in {@link #toFilter}, where a bad one fails with a {@link FlowlensException} that
 * names the option and the value.
 */
public final class FilterOptions {
    @Option(
            names = "--eni",
            paramLabel = "ID",
            description = "Only this network interface (log stream); repeat for several.")
    List<String> enis = new ArrayList<>();

    @Mixin
    TimeWindowOptions time;

    @Option(
            names = "--ip",
            paramLabel = "ADDR",
            description = "Source or destination address or CIDR block (IPv4 or IPv6).")
    Cidr ip;

    @Option(names = "--src", paramLabel = "ADDR", description = "Source address or CIDR block.")
    Cidr src;

    @Option(names = "--dst", paramLabel = "ADDR", description = "Destination address or CIDR block.")
    Cidr dst;

    @Option(names = "--port", paramLabel = "N", description = "Source or destination port.")
    Port port;

    @Option(names = "--src-port", paramLabel = "N", description = "Source port.")
    Port srcPort;

    @Option(names = "--dst-port", paramLabel = "N", description = "Destination port.")
    Port dstPort;

    @Option(names = "--protocol", paramLabel = "P", description = "tcp, udp, icmp, icmpv6 or a protocol number.")
    String protocol;

    @Option(names = "--action", paramLabel = "A", description = "accept or reject.")
    String action;

    @Option(names = "--status", paramLabel = "S", description = "ok, nodata or skipdata.")
    String status;

    /** The filter the options describe; relative times count back from now. */
    public FlowFilter toFilter() {
        return toFilter(Clock.systemUTC());
    }

    /** The filter the options describe; relative times count back from {@code clock}. */
    public FlowFilter toFilter(Clock clock) {
        return new FilterText(enis, time.window(clock), ip, src, dst, port, srcPort, dstPort, protocol, action, status)
                .toFilter();
    }
}
