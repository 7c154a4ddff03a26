package dev.flowlens.cli;

import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.time.TimeParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    @Option(names = "--eni", paramLabel = "ID",
            description = "Only this network interface (log stream); repeat for several.")
    List<String> enis = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME",
            description = "Records whose capture window ends at or after TIME: ISO-8601, epoch seconds, or before now (-2h, 30m, 1d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Records whose capture window starts at or before TIME.")
    String to;

    @Option(names = "--ip", paramLabel = "ADDR", description = "Source or destination address or CIDR block (IPv4 or IPv6).")
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

    /** The filter the options describe; relative times count back from now. */
    public FlowFilter toFilter() {
        return toFilter(Clock.systemUTC());
    }

    /** The filter the options describe; relative times count back from {@code clock}. */
    public FlowFilter toFilter(Clock clock) {
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        List<String> eniList = new ArrayList<>();
        for (String e : enis) {
            for (String part : e.split(",")) {
                String t = part.trim();
                if (t.isEmpty()) {
                    throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--eni needs an interface id such as eni-0a1b2c3d");
                }
                eniList.add(t);
            }
        }
        return FlowFilter.builder().enis(eniList).window(window.from(), window.to()).ip(cidr(ip, "--ip")).src(cidr(src, "--src"))
                .dst(cidr(dst, "--dst")).port(port(port, "--port")).srcPort(port(srcPort, "--src-port")).dstPort(port(dstPort, "--dst-port"))
                .protocol(protocol == null ? null : Protocols.parse(protocol)).action(action(action)).status(status(status)).build();
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

    /** A port number 0-65535, or a {@link FlowlensException} naming the option. */
    public static Integer port(String text, String option) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= 65535) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FlowlensException(ErrorCode.INVALID_PORT, "cannot read port '" + text + "' for " + option + ": use a number 0-65535");
    }

    private static Action action(String text) {
        if (text == null) {
            return null;
        }
        Action a = Action.parse(text.trim().toUpperCase(Locale.ROOT));
        if (a != null) {
            return a;
        }
        throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "unknown action '" + text + "' for --action: use accept or reject");
    }

    private static LogStatus status(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (LogStatus s : LogStatus.values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "unknown status '" + text + "' for --status: use ok, nodata or skipdata");
    }
}
