package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.net.Cidr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says at which end a record was captured. A record on an ENI is egress when srcaddr is the ENI's
 * own address and ingress when dstaddr is: flow-direction (v5) says it directly, otherwise the ENI's
 * address decides; when neither is known, a public peer means the record was captured at the
 * private end. Within one conversation ({@link #locate}), a record the above cannot place is placed by
 * its ENI: an ENI sits at one end, so its other records tell; and when every placed ENI sits at the
 * same end, any other ENI that captured the conversation sits at the other end.
 */
public final class SideLocator {
    private static final List<Cidr> PRIVATE = List.of(
            Cidr.parse("10.0.0.0/8"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("fc00::/7"),
            Cidr.parse("fe80::/10"));

    private final EniAddresses addresses;

    public SideLocator(EniAddresses addresses) {
        this.addresses = addresses;
    }

    /** {@code egress}, {@code ingress}, or null when it cannot be told. */
    public String direction(Flow f) {
        if (f.flowDirection() != null) {
            return f.flowDirection();
        }
        String own = f.eni() == null ? null : addresses.addressOf(f.eni());
        if (own != null) {
            if (own.equals(f.srcaddr())) {
                return "egress";
            }
            if (own.equals(f.dstaddr())) {
                return "ingress";
            }
        }
        return null;
    }

    /** The end of the conversation whose ENI captured {@code f}; {@code request} says which way f goes. */
    public Side side(Flow f, boolean request) {
        String d = direction(f);
        if ("egress".equals(d)) {
            return request ? Side.CLIENT : Side.SERVER;
        }
        if ("ingress".equals(d)) {
            return request ? Side.SERVER : Side.CLIENT;
        }
        boolean srcPrivate = isPrivate(f.source());
        boolean dstPrivate = isPrivate(f.destination());
        if (srcPrivate != dstPrivate) {
            // only the private end has an ENI that logs
            boolean capturedAtDestination = dstPrivate;
            return capturedAtDestination == request ? Side.SERVER : Side.CLIENT;
        }
        return Side.UNKNOWN;
    }

    /** The sides of the records of one conversation, using the ENIs placed by its other records. */
    public ConversationSides locate(Conversation c) {
        Map<String, Side> byEni = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        place(c.requests(), true, byEni, conflicting);
        place(c.replies(), false, byEni, conflicting);
        conflicting.forEach(byEni::remove);
        Side elsewhere = Side.UNKNOWN;
        if (conflicting.isEmpty() && !byEni.isEmpty()) {
            Set<Side> placed = new HashSet<>(byEni.values());
            if (placed.size() == 1) {
                elsewhere = placed.contains(Side.CLIENT) ? Side.SERVER : Side.CLIENT;
            }
        }
        return new ConversationSides(this, Map.copyOf(byEni), elsewhere);
    }

    private void place(List<Flow> flows, boolean request, Map<String, Side> byEni, Set<String> conflicting) {
        for (Flow f : flows) {
            Side s = side(f, request);
            if (s != Side.UNKNOWN && f.eni() != null) {
                Side before = byEni.putIfAbsent(f.eni(), s);
                if (before != null && before != s) {
                    conflicting.add(f.eni());
                }
            }
        }
    }

    /**
     * The sides of one conversation's records.
     *
     * @param byEni the end of each ENI placed by at least one of its records (ENIs placed at both
     *     ends are left out)
     * @param elsewhere the end of any other ENI: the opposite of the one end every placed ENI is at,
     *     or UNKNOWN when no ENI was placed or both ends were (a third ENI may be a NAT or transit
     *     gateway in between)
     */
    public record ConversationSides(SideLocator locator, Map<String, Side> byEni, Side elsewhere) {
        public ConversationSides {
            byEni = Map.copyOf(byEni);
        }

        /** The end whose ENI captured {@code f}; {@code request} says which way f goes. */
        public Side side(Flow f, boolean request) {
            Side s = locator.side(f, request);
            if (s != Side.UNKNOWN || f.eni() == null) {
                return s;
            }
            return byEni.getOrDefault(f.eni(), elsewhere);
        }
    }

    public static boolean isPrivate(String address) {
        byte[] b = Cidr.parseAddress(address);
        if (b == null) {
            return false;
        }
        for (Cidr c : PRIVATE) {
            if (c.contains(b)) {
                return true;
            }
        }
        return false;
    }
}
