package dev.flowlens.core.diagnosis;

/**
 * The primary address of a network interface: every record an ENI captures has it as srcaddr
 * (egress) or dstaddr (ingress). Learned from the records or read from describe-network-interfaces.
 */
@FunctionalInterface
public interface EniAddresses {
    EniAddresses NONE = eni -> null;

    /** The address, or null when unknown. */
    String addressOf(String eni);
}
