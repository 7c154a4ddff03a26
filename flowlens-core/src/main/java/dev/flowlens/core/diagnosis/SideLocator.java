package dev.flowlens.core.diagnosis;

import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.net.Cidr;
import java.util.List;

/**
 * Says at which end a record was captured. A record on an ENI is egress when srcaddr is the ENI's
 * own address and ingress when dstaddr is: flow-direction (v5) says it directly, otherwise the ENI's
 * address decides; when neither is known, a public peer means the record was captured at the
 * private end.
 */
public final class SideLocator {
    private static final List<Cidr> PRIVATE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"));

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
