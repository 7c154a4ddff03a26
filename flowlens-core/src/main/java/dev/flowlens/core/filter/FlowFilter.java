package dev.flowlens.core.filter;

import dev.flowlens.core.net.Cidr;
import java.util.List;

/**
 * The structured filters of search, conversations and diagnose: every given one must hold.
 * Null or empty means "any".
 *
 * @param enis interfaces (log streams); a record matches any of them
 * @param from epoch seconds; a record matches when its capture window overlaps [from, to]
 * @param to epoch seconds
 * @param ip source or destination address in this block
 * @param src source address in this block
 * @param dst destination address in this block
 * @param port source or destination port
 * @param action {@code ACCEPT} or {@code REJECT}
 * @param status {@code OK}, {@code NODATA} or {@code SKIPDATA}
 */
public record FlowFilter(List<String> enis, Long from, Long to, Cidr ip, Cidr src, Cidr dst, Integer port, Integer srcPort,
        Integer dstPort, Integer protocol, String action, String status) {

    public static final FlowFilter ANY = new FlowFilter(List.of(), null, null, null, null, null, null, null, null, null, null, null);

    public FlowFilter {
        enis = enis == null ? List.of() : List.copyOf(enis);
    }

    public FlowFilter withWindow(Long newFrom, Long newTo) {
        return new FlowFilter(enis, newFrom, newTo, ip, src, dst, port, srcPort, dstPort, protocol, action, status);
    }
}
