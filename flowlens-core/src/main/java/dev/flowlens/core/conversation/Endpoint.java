package dev.flowlens.core.conversation;

import java.util.Objects;

/** One end of a conversation: an address and a port (0 for protocols without ports). */
public record Endpoint(String address, int port) implements Comparable<Endpoint> {
    public Endpoint {
        Objects.requireNonNull(address, "address");
    }

    /** Address first (as text, byte order, the same order DuckDB uses), then port. */
    @Override
    public int compareTo(Endpoint o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
