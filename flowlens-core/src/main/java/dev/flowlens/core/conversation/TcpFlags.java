package dev.flowlens.core.conversation;

/**
 * The tcp-flags bitmask as AWS logs it: FIN 1, SYN 2, RST 4, SYN-ACK 18, OR-ed over the capture
 * window. ACK alone is never logged (an ACK-only flow has 0), so bit 16 only means "ACK" together
 * with SYN.
 */
public final class TcpFlags {
    public static final int FIN = 1;
    public static final int SYN = 2;
    public static final int RST = 4;
    public static final int SYN_ACK = 18;

    private TcpFlags() {}

    /** A SYN without ACK: the side that opened the connection. */
    public static boolean isSyn(int flags) {
        return (flags & SYN) != 0 && (flags & 16) == 0;
    }

    /** A SYN-ACK: the side that accepted the connection. */
    public static boolean isSynAck(int flags) {
        return (flags & SYN_ACK) == SYN_ACK;
    }

    public static boolean isRst(int flags) {
        return (flags & RST) != 0;
    }

    /** {@code SYN,FIN} style names, or {@code -} for none. */
    public static String names(Integer flags) {
        if (flags == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        if (isSynAck(flags)) {
            b.append("SYN-ACK");
        } else if ((flags & SYN) != 0) {
            b.append("SYN");
        }
        if ((flags & FIN) != 0) {
            b.append(b.length() > 0 ? "," : "").append("FIN");
        }
        if ((flags & RST) != 0) {
            b.append(b.length() > 0 ? "," : "").append("RST");
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
