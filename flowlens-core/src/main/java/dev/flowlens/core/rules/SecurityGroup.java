package dev.flowlens.core.rules;

import java.util.List;
import java.util.Objects;

/** A security group: stateful, allow-only; inbound and outbound permissions. */
public record SecurityGroup(
        String groupId, String groupName, List<SecurityGroupRule> inbound, List<SecurityGroupRule> outbound) {
    public SecurityGroup {
        Objects.requireNonNull(groupId, "groupId");
        inbound = List.copyOf(inbound);
        outbound = List.copyOf(outbound);
    }
}
