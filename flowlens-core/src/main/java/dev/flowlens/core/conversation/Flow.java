package dev.flowlens.core.conversation;

import java.util.Objects;

/**
 * One flow log record with {@code log-status OK}, as the conversation and diagnosis logic sees it,
 * with the place it came from so it can be cited as evidence.
 *
 * @param path the file the record was read from
 * @param line its line in that file
 * @param eni the network interface that captured it (interface-id, else the log stream)
 * @param srcaddr source address as logged (the ENI's primary address on its own side)
 * @param dstaddr destination address as logged
 * @param pktSrcaddr packet-level source address, or null when not logged
 * @param pktDstaddr packet-level destination address, or null
 * @param srcport 0 when absent
 * @param dstport 0 when absent
 * @param protocol IANA number
 * @param tcpFlags OR of the flags in the window, or null when not logged
 * @param flowDirection {@code ingress}/{@code egress} relative to the ENI, or null when not logged
 */
public record Flow(
        String path,
        long line,
        String eni,
        String srcaddr,
        String dstaddr,
        String pktSrcaddr,
        String pktDstaddr,
        int srcport,
        int dstport,
        int protocol,
        long packets,
        long bytes,
        long start,
        long end,
        Action action,
        Integer tcpFlags,
        String flowDirection) {

    public Flow {
        Objects.requireNonNull(srcaddr, "srcaddr");
        Objects.requireNonNull(dstaddr, "dstaddr");
        Objects.requireNonNull(action, "action");
    }

    /** The packet's source: pkt-srcaddr when logged (NAT, transit gateway, secondary IPs), else srcaddr. */
    public String source() {
        return pktSrcaddr != null ? pktSrcaddr : srcaddr;
    }

    /** The packet's destination: pkt-dstaddr when logged, else dstaddr. */
    public String destination() {
        return pktDstaddr != null ? pktDstaddr : dstaddr;
    }

    public Endpoint sourceEndpoint() {
        return new Endpoint(source(), ConversationKey.hasPorts(protocol) ? srcport : 0);
    }

    public Endpoint destinationEndpoint() {
        return new Endpoint(destination(), ConversationKey.hasPorts(protocol) ? dstport : 0);
    }

    /** Where the record cites from: {@code path:line}. */
    public String citation() {
        return path + ":" + line;
    }
}
