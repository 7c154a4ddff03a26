package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import java.util.Objects;

/**
 * What to diagnose: connections from {@code src} (any when null) to {@code dst} on {@code port}
 * (any when null) over {@code protocol} (any when null), in the window [from, to] (open when null).
 */
public record DiagnosisRequest(Cidr src, Cidr dst, Integer port, Integer protocol, Long from, Long to) {
    /** The most records an engine reads to diagnose one request; more asks the user to narrow it. */
    public static final int MAX_CANDIDATES = 500_000;

    public DiagnosisRequest {
        Objects.requireNonNull(dst, "dst");
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from after to");
        }
    }

    /** Refuses {@code candidates} records above {@link #MAX_CANDIDATES}: a usage error asking to narrow the request. */
    public void checkCandidates(int candidates) {
        if (candidates > MAX_CANDIDATES) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "more than " + MAX_CANDIDATES + " records match " + describe()
                            + ": narrow it with --src, --port, --protocol or --from/--to");
        }
    }

    /** True when {@code client} to {@code server} is a connection this request asks about. */
    public boolean matches(Endpoint client, Endpoint server, int flowProtocol) {
        return (src == null || src.contains(client.address()))
                && dst.contains(server.address())
                && (port == null || server.port() == port)
                && (protocol == null || protocol == flowProtocol);
    }

    /** The endpoint of a pair that is the asked-about service, or null when it cannot tell. */
    public Endpoint serverOf(Endpoint a, Endpoint b) {
        boolean sa = dst.contains(a.address()) && (port == null || a.port() == port);
        boolean sb = dst.contains(b.address()) && (port == null || b.port() == port);
        if (sa && !sb) {
            return a;
        }
        if (sb && !sa) {
            return b;
        }
        if (sa && src != null) {
            boolean ca = src.contains(a.address());
            boolean cb = src.contains(b.address());
            if (ca && !cb) {
                return b;
            }
            if (cb && !ca) {
                return a;
            }
        }
        return null;
    }

    public String describe() {
        String p = protocol == null ? "" : dev.flowlens.core.net.Protocols.name(protocol) + " ";
        return p + (src == null ? "any source" : plain(src)) + " -> " + plain(dst)
                + (port == null ? "" : " port " + port);
    }

    private static String plain(Cidr c) {
        return c.isSingleAddress() ? c.networkAddress() : c.toString();
    }
}
