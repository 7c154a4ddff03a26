package dev.flowlens.core.rules;

import dev.flowlens.core.net.Cidr;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The security groups, network ACLs and interfaces read from a {@code --config} folder. */
public record NetworkConfig(List<SecurityGroup> securityGroups, List<NetworkAcl> networkAcls, List<NetworkInterface> interfaces) {
    public static final NetworkConfig EMPTY = new NetworkConfig(List.of(), List.of(), List.of());

    public NetworkConfig {
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        interfaces = List.copyOf(interfaces);
    }

    public SecurityGroup group(String id) {
        for (SecurityGroup g : securityGroups) {
            if (g.groupId().equals(id)) {
                return g;
            }
        }
        return null;
    }

    public NetworkAcl aclOfSubnet(String subnetId) {
        if (subnetId == null) {
            return null;
        }
        for (NetworkAcl a : networkAcls) {
            if (a.subnetIds().contains(subnetId)) {
                return a;
            }
        }
        return null;
    }

    /** The interface that owns an address (compared as addresses, so IPv6 spellings agree), or null. */
    public NetworkInterface interfaceOf(String address) {
        byte[] b = Cidr.parseAddress(address);
        if (b == null) {
            return null;
        }
        for (NetworkInterface n : interfaces) {
            for (String a : n.addresses()) {
                if (Arrays.equals(b, Cidr.parseAddress(a))) {
                    return n;
                }
            }
        }
        return null;
    }

    public NetworkInterface interfaceById(String eniId) {
        for (NetworkInterface n : interfaces) {
            if (n.eniId().equals(eniId)) {
                return n;
            }
        }
        return null;
    }

    /** ENI id to primary address, for telling which end captured a record. */
    public Map<String, String> primaryAddresses() {
        Map<String, String> m = new LinkedHashMap<>();
        for (NetworkInterface n : interfaces) {
            if (n.primaryAddress() != null) {
                m.put(n.eniId(), n.primaryAddress());
            }
        }
        return m;
    }

    public boolean isEmpty() {
        return securityGroups.isEmpty() && networkAcls.isEmpty() && interfaces.isEmpty();
    }
}
