package dev.flowlens.core.filter;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The record filters as a user types them ({@code --eni}, {@code --from}, {@code --ip}, ...), read
 * into a {@link FlowFilter} with the same checks and messages wherever they are typed: the command
 * line, the Spark application. Every bad value is a usage error naming its option.
 */
public record FilterText(
        List<String> enis,
        String from,
        String to,
        String ip,
        String src,
        String dst,
        String port,
        String srcPort,
        String dstPort,
        String protocol,
        String action,
        String status) {

    public FilterText {
        enis = enis == null ? List.of() : List.copyOf(enis);
    }

    /** The filter; relative times count back from {@code clock}. */
    public FlowFilter toFilter(Clock clock) {
        TimeWindow window = new TimeParser(clock).parseWindow(from, to);
        List<String> eniList = new ArrayList<>();
        for (String e : enis) {
            for (String part : e.split(",")) {
                String t = part.trim();
                if (t.isEmpty()) {
                    throw new FlowlensException(
                            ErrorCode.INVALID_ARGUMENT, "--eni needs an interface id such as eni-0a1b2c3d");
                }
                eniList.add(t);
            }
        }
        return FlowFilter.builder()
                .enis(eniList)
                .window(window.from(), window.to())
                .ip(cidr(ip, "--ip"))
                .src(cidr(src, "--src"))
                .dst(cidr(dst, "--dst"))
                .port(port(port, "--port"))
                .srcPort(port(srcPort, "--src-port"))
                .dstPort(port(dstPort, "--dst-port"))
                .protocol(protocol == null ? null : Protocols.parse(protocol))
                .action(action(action))
                .status(status(status))
                .build();
    }

    /** {@code text} when it is one IPv4 or IPv6 address (null stays null). */
    public static String address(String text, String option) {
        if (text == null) {
            return null;
        }
        Cidr c;
        try {
            c = Cidr.parse(text.trim());
        } catch (FlowlensException e) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ADDRESS,
                    option + " '" + text + "' is not an IP address: give one such as 10.0.1.5 or 2001:db8::1");
        }
        if (!c.isSingleAddress()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ADDRESS,
                    option + " '" + text + "' is a block of addresses: give one address such as 10.0.1.5");
        }
        return text.trim();
    }

    /** A port number 0-65535 (null stays null), or a usage error naming the option. */
    public static Integer port(String text, String option) {
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
        throw new FlowlensException(
                ErrorCode.INVALID_PORT, "cannot read port '" + text + "' for " + option + ": use a number 0-65535");
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

    private static Action action(String text) {
        if (text == null) {
            return null;
        }
        Action a = Action.parse(text.trim().toUpperCase(Locale.ROOT));
        if (a != null) {
            return a;
        }
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT, "unknown action '" + text + "' for --action: use accept or reject");
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
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT, "unknown status '" + text + "' for --status: use ok, nodata or skipdata");
    }
}
