package dev.flowlens.core.conversation;

import java.util.Objects;

/**
 * The canonical key of a conversation: the protocol and both endpoints, ordered (address, then
 * port) so that a request and its reply have the same key. Protocols without ports (ICMP, GRE, ...)
 * key on addresses and protocol.
 */
public record ConversationKey(int protocol, Endpoint low, Endpoint high) {
    public ConversationKey {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(high) > 0) {
            throw new IllegalArgumentException("endpoints out of order: " + low + " > " + high);
        }
    }

    public static ConversationKey of(Flow f) {
        return of(f.protocol(), f.sourceEndpoint(), f.destinationEndpoint());
    }

    public static ConversationKey of(int protocol, Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new ConversationKey(protocol, a, b) : new ConversationKey(protocol, b, a);
    }

    /** TCP, UDP and SCTP carry ports; other protocols pair by addresses only. */
    public static boolean hasPorts(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 132;
    }

    /** True when the flow goes from {@link #low()} to {@link #high()}. */
    public boolean isLowToHigh(Flow f) {
        return f.sourceEndpoint().equals(low);
    }
}
