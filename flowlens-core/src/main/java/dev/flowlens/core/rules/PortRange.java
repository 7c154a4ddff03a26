package dev.flowlens.core.rules;

/** An inclusive port range; {@link #ALL} when a rule names no ports (or protocol -1). */
public record PortRange(int from, int to) {
    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to);
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public boolean isAll() {
        return from == 0 && to == 65535;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
