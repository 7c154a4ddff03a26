package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The record filters of {@code flowlens conversations} and {@code search}, with the same names and checks. */
public final class SparkFilterOptions {
    @Option(names = "--eni", paramLabel = "ID", description = "Only this network interface (log stream); repeat for several.")
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
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        List<String> eniList = new ArrayList<>();
        for (String e : enis) {
            for (String part : e.split(",")) {
                if (part.isBlank()) {
                    throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--eni needs an interface id such as eni-0a1b2c3d");
                }
                eniList.add(part.trim());
            }
        }
        String a = oneOf(action, "--action", "ACCEPT", "REJECT");
        String st = oneOf(status, "--status", "OK", "NODATA", "SKIPDATA");
        return FlowFilter.builder().enis(eniList).window(window.from(), window.to()).ip(cidr(ip, "--ip")).src(cidr(src, "--src"))
                .dst(cidr(dst, "--dst")).port(port(port, "--port")).srcPort(port(srcPort, "--src-port")).dstPort(port(dstPort, "--dst-port"))
                .protocol(protocol == null ? null : Protocols.parse(protocol)).action(a == null ? null : Action.valueOf(a))
                .status(st == null ? null : LogStatus.valueOf(st)).build();
    }

    private static Cidr cidr(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return Cidr.parse(text);
        } catch (FlowlensException e) {
            throw new FlowlensException(e.code(), option + ": " + e.getMessage());
        }
    }

    private static Integer port(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 0 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FlowlensException(ErrorCode.INVALID_PORT, "cannot read port '" + text + "' for " + option + ": use a number 0-65535");
    }

    private static String oneOf(String text, String option, String... allowed) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (List.of(allowed).contains(t)) {
            return t;
        }
        throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "unknown value '" + text + "' for " + option + ": use "
                + String.join(" or ", List.of(allowed)).toLowerCase(Locale.ROOT));
    }
}
