package dev.flowlens.core.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A network ACL: stateless, rules evaluated in rule-number order, first match wins, default deny. */
public record NetworkAcl(String aclId, List<String> subnetIds, List<NetworkAclEntry> entries) {
    public NetworkAcl {
        Objects.requireNonNull(aclId, "aclId");
        subnetIds = List.copyOf(subnetIds);
        entries = entries.stream()
                .sorted(Comparator.comparingInt(NetworkAclEntry::ruleNumber))
                .toList();
    }
}
