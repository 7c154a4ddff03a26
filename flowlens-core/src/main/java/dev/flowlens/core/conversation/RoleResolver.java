package dev.flowlens.core.conversation;

import java.util.List;

/**
 * Tells client from server, strongest evidence first: a caller's hint (the service being
 * diagnosed), tcp-flags (SYN versus SYN-ACK), the endpoint many peers reach (the listening port),
 * well-known ports (below 1024), the ephemeral range, and finally the side whose flow came first.
 */
public final class RoleResolver {
    /** Linux uses 32768-60999, Windows and the IANA range 49152-65535. */
    public static final int EPHEMERAL_FROM = 32768;

    private final PeerCounts peers;

    public RoleResolver(PeerCounts peers) {
        this.peers = peers;
    }

    /** The decided roles: {@code client}, {@code server}, and why. */
    public record Roles(Endpoint client, Endpoint server, String reason) {}

    /**
     * @param serverHint the endpoint the caller knows is the server (diagnose --dst/--port), or null;
     *     used only for protocols with ports
     * @param flows the flows of the conversation, any order
     */
    public Roles resolve(ConversationKey key, List<Flow> flows, Endpoint serverHint) {
        Endpoint a = key.low();
        Endpoint b = key.high();
        // without ports the hint cannot tell a request from a reply: the first flow seen decides
        if (serverHint != null && ConversationKey.hasPorts(key.protocol())) {
            if (serverHint.equals(a)) {
                return new Roles(b, a, "the service asked about");
            }
            if (serverHint.equals(b)) {
                return new Roles(a, b, "the service asked about");
            }
        }
        if (key.protocol() == 6) {
            for (Flow f : flows) {
                if (f.tcpFlags() != null && TcpFlags.isSynAck(f.tcpFlags())) {
                    return new Roles(f.destinationEndpoint(), f.sourceEndpoint(), "tcp-flags: SYN-ACK from the server");
                }
            }
            for (Flow f : flows) {
                if (f.tcpFlags() != null && TcpFlags.isSyn(f.tcpFlags())) {
                    return new Roles(f.sourceEndpoint(), f.destinationEndpoint(), "tcp-flags: SYN from the client");
                }
            }
        }
        if (ConversationKey.hasPorts(key.protocol()) && a.port() != b.port()) {
            int pa = peers.peers(a);
            int pb = peers.peers(b);
            if (pa != pb && Math.max(pa, pb) >= 2) {
                return pa > pb
                        ? new Roles(b, a, "listening port: " + pa + " peers reach it")
                        : new Roles(a, b, "listening port: " + pb + " peers reach it");
            }
            boolean wa = a.port() > 0 && a.port() < 1024;
            boolean wb = b.port() > 0 && b.port() < 1024;
            if (wa != wb) {
                return wa ? new Roles(b, a, "well-known port") : new Roles(a, b, "well-known port");
            }
            boolean ea = a.port() >= EPHEMERAL_FROM;
            boolean eb = b.port() >= EPHEMERAL_FROM;
            if (ea != eb) {
                return ea ? new Roles(a, b, "ephemeral client port") : new Roles(b, a, "ephemeral client port");
            }
        }
        Flow firstFlow = null;
        for (Flow f : flows) {
            if (firstFlow == null
                    || f.start() < firstFlow.start()
                    || (f.start() == firstFlow.start() && f.end() < firstFlow.end())) {
                firstFlow = f;
            }
        }
        if (firstFlow == null) {
            throw new IllegalArgumentException("no flows");
        }
        if (ConversationKey.hasPorts(key.protocol()) && a.port() != b.port() && firstFlowsTie(flows, firstFlow)) {
            // same start: the lower port is more likely the service
            return a.port() < b.port() ? new Roles(b, a, "lower port") : new Roles(a, b, "lower port");
        }
        return new Roles(firstFlow.sourceEndpoint(), firstFlow.destinationEndpoint(), "first flow seen");
    }

    private static boolean firstFlowsTie(List<Flow> flows, Flow first) {
        for (Flow f : flows) {
            if (f.start() == first.start() && !f.sourceEndpoint().equals(first.sourceEndpoint())) {
                return true;
            }
        }
        return false;
    }
}
