package dev.flowlens.core.net;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.Locale;
import java.util.Map;

/** IANA protocol numbers and the names people use for them. */
public final class Protocols {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    /** The names {@link #name} shows, by number. */
    private static final Map<Integer, String> NAMES =
            Map.of(ICMP, "ICMP", TCP, "TCP", UDP, "UDP", ICMPV6, "ICMPv6", 47, "GRE", 50, "ESP", 51, "AH", 132, "SCTP");

    private Protocols() {}

    /** The name of a protocol number ({@code TCP}, {@code UDP}, ...) or the number as text. */
    public static String name(Integer protocol) {
        if (protocol == null) {
            return "-";
        }
        return NAMES.getOrDefault(protocol, Integer.toString(protocol));
    }

    /** Reads {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a number 0-255. */
    public static int parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Integer named = switch (t) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "icmp" -> ICMP;
            case "icmpv6", "ipv6-icmp" -> ICMPV6;
            case "gre" -> 47;
            case "esp" -> 50;
            case "sctp" -> 132;
            default -> null;
        };
        if (named != null) {
            return named;
        }
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= 255) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new FlowlensException(
                ErrorCode.INVALID_PROTOCOL,
                "unknown protocol '" + text + "': use tcp, udp, icmp, icmpv6 or a number 0-255");
    }
}
