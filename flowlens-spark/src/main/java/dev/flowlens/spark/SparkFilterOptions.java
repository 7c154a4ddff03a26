package dev.flowlens.spark;

import dev.flowlens.core.filter.FilterText;
import dev.flowlens.core.filter.FlowFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The record filters of {@code flowlens conversations} and {@code search}, with the same names and checks. */
public final class SparkFilterOptions {
    @Option(
            names = "--eni",
            paramLabel = "ID",
            description = "Only this network interface (log stream); repeat for several.")
    List<String> enis = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description = "Records whose capture window ends at or after TIME.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Records whose capture window starts at or before TIME.")
    String to;

    @Option(names = "--ip", paramLabel = "ADDR", description = "Source or destination address or CIDR block.")
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

    FlowFilter toFilter(Clock clock) {
        return new FilterText(enis, from, to, ip, src, dst, port, srcPort, dstPort, protocol, action, status)
                .toFilter(clock);
    }
}
