package dev.flowlens.core.rules;

import dev.flowlens.core.net.Cidr;
import java.util.Objects;

/**
 * One network ACL rule. Rule 32767 is the default rule AWS shows as {@code *}: it denies what no
 * other rule matched.
 */
public record NetworkAclEntry(int ruleNumber, boolean egress, boolean allow, int protocol, Cidr cidr, PortRange ports) {
    public static final int DEFAULT_RULE = 32767;

    public NetworkAclEntry {
        Objects.requireNonNull(cidr, "cidr");
        ports = ports == null ? PortRange.ALL : ports;
    }

    public boolean matches(int packetProtocol, int port, byte[] peer) {
        if (!RuleProtocol.matches(protocol, packetProtocol)) {
            return false;
        }
        if (RuleProtocol.hasPorts(packetProtocol) && protocol != RuleProtocol.ALL && !ports.contains(port)) {
            return false;
        }
        return peer != null && cidr.contains(peer);
    }

    public String ruleName() {
        return ruleNumber == DEFAULT_RULE ? "default rule *" : "rule " + ruleNumber;
    }
}
