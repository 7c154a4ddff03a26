package dev.flowlens.core.filter;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.record.LogStatus;
import java.util.List;

/**
 * The structured filters of search, conversations and diagnose: every given one must hold.
 * Null or empty means "any". Build one by name: {@code FlowFilter.builder().eni("eni-1").port(443).build()}.
 *
 * @param enis interfaces (log streams); a record matches any of them
 * @param from epoch seconds; a record matches when its capture window overlaps [from, to]
 * @param to epoch seconds
 * @param ip source or destination address in this block
 * @param src source address in this block
 * @param dst destination address in this block
 * @param port source or destination port
 */
public record FlowFilter(
        List<String> enis,
        Long from,
        Long to,
        Cidr ip,
        Cidr src,
        Cidr dst,
        Integer port,
        Integer srcPort,
        Integer dstPort,
        Integer protocol,
        Action action,
        LogStatus status) {

    public static final FlowFilter ANY = builder().build();

    public FlowFilter {
        enis = enis == null ? List.of() : List.copyOf(enis);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this filter's values. */
    public Builder toBuilder() {
        return new Builder()
                .enis(enis)
                .window(from, to)
                .ip(ip)
                .src(src)
                .dst(dst)
                .port(port)
                .srcPort(srcPort)
                .dstPort(dstPort)
                .protocol(protocol)
                .action(action)
                .status(status);
    }

    public FlowFilter withWindow(Long newFrom, Long newTo) {
        return toBuilder().window(newFrom, newTo).build();
    }

    /** Sets filters by name; unset ones match anything. */
    public static final class Builder {
        private List<String> enis = List.of();
        private Long from;
        private Long to;
        private Cidr ip;
        private Cidr src;
        private Cidr dst;
        private Integer port;
        private Integer srcPort;
        private Integer dstPort;
        private Integer protocol;
        private Action action;
        private LogStatus status;

        private Builder() {}

        public Builder enis(List<String> value) {
            this.enis = value;
            return this;
        }

        public Builder eni(String value) {
            this.enis = List.of(value);
            return this;
        }

        /** Records whose capture window overlaps [from, to] (epoch seconds; either may be null). */
        public Builder window(Long fromSeconds, Long toSeconds) {
            this.from = fromSeconds;
            this.to = toSeconds;
            return this;
        }

        public Builder ip(Cidr value) {
            this.ip = value;
            return this;
        }

        public Builder src(Cidr value) {
            this.src = value;
            return this;
        }

        public Builder dst(Cidr value) {
            this.dst = value;
            return this;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder srcPort(Integer value) {
            this.srcPort = value;
            return this;
        }

        public Builder dstPort(Integer value) {
            this.dstPort = value;
            return this;
        }

        public Builder protocol(Integer value) {
            this.protocol = value;
            return this;
        }

        public Builder action(Action value) {
            this.action = value;
            return this;
        }

        public Builder status(LogStatus value) {
            this.status = value;
            return this;
        }

        public FlowFilter build() {
            return new FlowFilter(enis, from, to, ip, src, dst, port, srcPort, dstPort, protocol, action, status);
        }
    }
}
