package dev.flowlens.core.rules;

import java.util.List;
import java.util.Objects;

/** A network interface as describe-network-interfaces shows it: its subnet, addresses and groups. */
public record NetworkInterface(
        String eniId, String subnetId, String vpcId, List<String> addresses, List<String> groupIds) {
    public NetworkInterface {
        Objects.requireNonNull(eniId, "eniId");
        addresses = List.copyOf(addresses);
        groupIds = List.copyOf(groupIds);
    }

    /** The primary private address (the first listed), or null. */
    public String primaryAddress() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }
}
