package dev.flowlens.core.rules;

import dev.flowlens.core.net.Cidr;
import java.util.List;

/**
 * One permission of a security group (an IpPermissions entry): a protocol, a port range and the
 * peers it allows: CIDR blocks (IPv4 and IPv6) and referenced security groups.
 */
public record SecurityGroupRule(
        int protocol, PortRange ports, List<Cidr> cidrs, List<String> groupIds, List<String> prefixListIds) {
    public SecurityGroupRule {
        ports = ports == null ? PortRange.ALL : ports;
        cidrs = List.copyOf(cidrs);
        groupIds = List.copyOf(groupIds);
        prefixListIds = List.copyOf(prefixListIds);
    }

    public boolean matchesTraffic(int packetProtocol, int port) {
        if (!RuleProtocol.matches(protocol, packetProtocol)) {
            return false;
        }
        return !RuleProtocol.hasPorts(packetProtocol) || protocol == RuleProtocol.ALL || ports.contains(port);
    }
}
