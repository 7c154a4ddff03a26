package dev.flowlens.core.filter;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Port;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.core.record.LogStatus;
import dev.flowlens.core.time.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The record filters as a user gives them ({@code --eni}, {@code --from}, {@code --ip}, ...), read
 * into a {@link FlowFilter} with the same checks and messages wherever they are typed: the command
 * line, the Spark application. Addresses, ports and times arrive already read (the command line's
 * converters); every other bad value is a usage error naming its option.
 */
public record FilterText(
        List<String> enis,
        TimeWindow window,
        Cidr ip,
        Cidr src,
        Cidr dst,
        Port port,
        Port srcPort,
        Port dstPort,
        String protocol,
        String action,
        String status) {

    public FilterText {
        enis = enis == null ? List.of() : List.copyOf(enis);
        window = window == null ? TimeWindow.ALL : window;
    }

    /** The filter. */
    public FlowFilter toFilter() {
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
                .from(window.from())
                .to(window.to())
                .ip(ip)
                .src(src)
                .dst(dst)
                .port(Port.numberOf(port))
                .srcPort(Port.numberOf(srcPort))
                .dstPort(Port.numberOf(dstPort))
                .protocol(protocol == null ? null : Protocols.parse(protocol))
                .action(action(action))
                .status(status(status))
                .build();
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
