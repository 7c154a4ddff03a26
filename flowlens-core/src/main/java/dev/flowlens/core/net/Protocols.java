package dev.flowlens.core.net;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import java.util.Locale;

/** IANA protocol numbers and the names people use for them. */
public final class Protocols {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    private Protocols() {}

    /** The name of a protocol number ({@code TCP}, {@code UDP}, ...) or the number as text. */
    public static String name(Integer protocol) {
        if (protocol == null) {
            return "-";
        }
        switch (protocol) {
            case ICMP:
                return "ICMP";
            case TCP:
                return "TCP";
            case UDP:
                return "UDP";
            case ICMPV6:
                return "ICMPv6";
            case 47:
                return "GRE";
            case 50:
                return "ESP";
            case 51:
                return "AH";
            case 132:
                return "SCTP";
            default:
                return Integer.toString(protocol);
        }
    }

    /** Reads {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a number 0-255. */
    public static int parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            case "icmp":
                return ICMP;
            case "icmpv6":
            case "ipv6-icmp":
                return ICMPV6;
            case "gre":
                return 47;
            case "esp":
                return 50;
            case "sctp":
                return 132;
            default:
                break;
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
