package dev.flowlens.core.rules;

import dev.flowlens.core.net.Cidr;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security groups, network ACLs, interfaces and flow logs read from a {@code --config} folder
 * or the live account.
 *
 * @param flowLogs the flow logs of the account and region; null when they were not described (then
 *     nothing is known of what was captured, which differs from an empty list: no flow log at all)
 */
public record NetworkConfig(
        List<SecurityGroup> securityGroups,
        List<NetworkAcl> networkAcls,
        List<NetworkInterface> interfaces,
        List<FlowLogSetting> flowLogs) {
    public static final NetworkConfig EMPTY = new NetworkConfig(List.of(), List.of(), List.of());

    public NetworkConfig {
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        interfaces = List.copyOf(interfaces);
        flowLogs = flowLogs == null ? null : List.copyOf(flowLogs);
    }

    /** A configuration without flow log descriptions. */
    public NetworkConfig(
            List<SecurityGroup> securityGroups, List<NetworkAcl> networkAcls, List<NetworkInterface> interfaces) {
        this(securityGroups, networkAcls, interfaces, null);
    }

    /** True when the flow logs were described (an empty list then means there is none). */
    public boolean flowLogsKnown() {
        return flowLogs != null;
    }

    /** The flow logs that capture an interface's traffic: on the ENI itself, its subnet or its VPC. */
    public List<FlowLogSetting> flowLogsOf(NetworkInterface eni) {
        if (flowLogs == null) {
            return List.of();
        }
        return flowLogs.stream()
                .filter(f -> f.resourceId().equals(eni.eniId())
                        || f.resourceId().equals(eni.subnetId())
                        || f.resourceId().equals(eni.vpcId()))
                .toList();
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

    /** True when there are no rules to evaluate (flow log descriptions alone are not rules). */
    public boolean isEmpty() {
        return securityGroups.isEmpty() && networkAcls.isEmpty() && interfaces.isEmpty();
    }
}
