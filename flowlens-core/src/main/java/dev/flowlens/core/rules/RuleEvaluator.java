package dev.flowlens.core.rules;

import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Protocols;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates security groups and network ACLs as AWS does. Security groups are stateful and
 * allow-only: a packet passes when any rule of any group on the ENI allows it (CIDR or referenced
 * group), and the reply of an allowed connection always passes. Network ACLs are stateless: each
 * direction is checked against the subnet's rules in rule-number order, the first match decides, and
 * the default rule denies; traffic between two addresses in the same subnet does not cross the ACL.
 */
public final class RuleEvaluator {
    private final NetworkConfig config;

    public RuleEvaluator(NetworkConfig config) {
        this.config = config;
    }

    /** Every hop from {@code client:clientPort} to {@code server:serverPort} and back. */
    public PathEvaluation evaluate(int protocol, String client, int clientPort, String server, int serverPort) {
        NetworkInterface c = config.interfaceOf(client);
        NetworkInterface s = config.interfaceOf(server);
        boolean sameSubnet =
                c != null && s != null && c.subnetId() != null && c.subnetId().equals(s.subnetId());
        Hops hops = new Hops(protocol, sameSubnet);
        List<RuleFinding> findings = hops.findings;
        List<String> notes = hops.notes;
        if (c == null) {
            notes.add(
                    client
                            + " is not an interface in the configuration (outside the VPC or not described): its rules were not evaluated");
        }
        if (s == null) {
            notes.add(server + " is not an interface in the configuration: its rules were not evaluated");
        }
        if (c != null) {
            hops.group(c, false, serverPort, server, RuleFinding.Step.SOURCE_SECURITY_GROUP_OUTBOUND);
            hops.acl(c, true, serverPort, server, RuleFinding.Step.SOURCE_NETWORK_ACL_OUTBOUND);
        }
        if (s != null) {
            hops.acl(s, false, serverPort, client, RuleFinding.Step.DESTINATION_NETWORK_ACL_INBOUND);
            hops.group(s, true, serverPort, client, RuleFinding.Step.DESTINATION_SECURITY_GROUP_INBOUND);
            hops.acl(s, true, clientPort, client, RuleFinding.Step.DESTINATION_NETWORK_ACL_OUTBOUND_REPLY);
        }
        if (c != null) {
            hops.acl(c, false, clientPort, server, RuleFinding.Step.SOURCE_NETWORK_ACL_INBOUND_REPLY);
        }
        if (sameSubnet) {
            notes.add("both ends are in subnet " + c.subnetId() + ": network ACLs do not apply between them");
        }
        RuleFinding blocking = null;
        for (RuleFinding f : findings) {
            if (!f.allowed()) {
                blocking = f;
                break;
            }
        }
        // every hop that applies is a finding: two security groups, plus four network ACL hops between subnets
        boolean complete = c != null && s != null && findings.size() == (sameSubnet ? 2 : 6);
        return new PathEvaluation(findings, blocking, notes, complete);
    }

    /** The findings and notes of one evaluation, added hop by hop. */
    private final class Hops {
        final List<RuleFinding> findings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        private final int protocol;
        private final boolean sameSubnet;

        Hops(int protocol, boolean sameSubnet) {
            this.protocol = protocol;
            this.sameSubnet = sameSubnet;
        }

        void group(NetworkInterface eni, boolean inbound, int port, String peer, RuleFinding.Step step) {
            findings.add(securityGroup(eni, inbound, protocol, port, peer, step));
        }

        /** A network ACL hop: none between two ends in one subnet, a note when the subnet has no ACL. */
        void acl(NetworkInterface eni, boolean egress, int port, String peer, RuleFinding.Step step) {
            if (sameSubnet) {
                return;
            }
            NetworkAcl acl = config.aclOfSubnet(eni.subnetId());
            if (acl == null) {
                String note = "no network ACL in the configuration is associated with subnet " + eni.subnetId() + " of "
                        + eni.eniId();
                if (!notes.contains(note)) {
                    notes.add(note);
                }
                return;
            }
            findings.add(networkAcl(acl, egress, protocol, port, peer, step));
        }
    }

    /** The security groups of {@code eni} for traffic to ({@code inbound=false}) or from a peer. */
    public RuleFinding securityGroup(
            NetworkInterface eni, boolean inbound, int protocol, int port, String peer, RuleFinding.Step step) {
        String direction = inbound ? "inbound" : "outbound";
        String toFrom = inbound ? "from" : "to";
        byte[] peerBytes = Cidr.parseAddress(peer);
        List<String> known = new ArrayList<>();
        for (String gid : eni.groupIds()) {
            SecurityGroup g = config.group(gid);
            if (g == null) {
                continue;
            }
            known.add(gid);
            for (SecurityGroupRule r : inbound ? g.inbound() : g.outbound()) {
                if (!r.matchesTraffic(protocol, port)) {
                    continue;
                }
                for (Cidr cidr : r.cidrs()) {
                    if (peerBytes != null && cidr.contains(peerBytes)) {
                        return new RuleFinding(
                                step,
                                true,
                                "security group " + gid + " " + direction + " rule allows "
                                        + RuleProtocol.describe(r.protocol(), r.ports()) + " " + toFrom + " "
                                        + block(cidr));
                    }
                }
                NetworkInterface peerEni = config.interfaceOf(peer);
                for (String ref : r.groupIds()) {
                    if (peerEni != null && peerEni.groupIds().contains(ref)) {
                        return new RuleFinding(
                                step,
                                true,
                                "security group " + gid + " " + direction + " rule allows "
                                        + RuleProtocol.describe(r.protocol(), r.ports()) + " " + toFrom + " members of "
                                        + ref
                                        + " (" + peer + " is " + peerEni.eniId() + ")");
                    }
                }
            }
        }
        if (known.isEmpty()) {
            return new RuleFinding(
                    step,
                    false,
                    "none of the security groups of " + eni.eniId() + " (" + String.join(", ", eni.groupIds())
                            + ") is in the configuration, so nothing allows " + traffic(protocol, port) + " " + toFrom
                            + " " + peer);
        }
        return new RuleFinding(
                step,
                false,
                "no " + direction + " rule of " + String.join(", ", known) + " allows " + traffic(protocol, port) + " "
                        + toFrom + " " + peer);
    }

    /** The network ACL of {@code eni}'s subnet for a packet leaving ({@code egress}) or entering it. */
    public RuleFinding networkAcl(
            NetworkAcl acl, boolean egress, int protocol, int port, String peer, RuleFinding.Step step) {
        String direction = egress ? "outbound" : "inbound";
        String toFrom = egress ? "to" : "from";
        byte[] peerBytes = Cidr.parseAddress(peer);
        for (NetworkAclEntry e : acl.entries()) {
            if (e.egress() != egress || peerBytes == null || e.cidr().isIpv4() != (peerBytes.length == 4)) {
                continue;
            }
            if (e.matches(protocol, port, peerBytes)) {
                return new RuleFinding(
                        step,
                        e.allow(),
                        "network ACL " + acl.aclId() + " " + direction + " " + e.ruleName() + " "
                                + (e.allow() ? "allows " : "denies ") + RuleProtocol.describe(e.protocol(), e.ports())
                                + " " + toFrom + " " + block(e.cidr()));
            }
        }
        return new RuleFinding(
                step,
                false,
                "network ACL " + acl.aclId() + " has no " + direction + " rule for " + traffic(protocol, port) + " "
                        + toFrom + " " + peer + ", so its default rule * denies it");
    }

    /** A block as AWS writes it: IPv6 in compressed form ({@code ::/0}, {@code 2001:db8::/32}). */
    static String block(Cidr cidr) {
        if (cidr.isIpv4()) {
            return cidr.toString();
        }
        String[] groups = cidr.networkAddress().split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        String text;
        if (bestStart < 0) {
            text = String.join(":", groups);
        } else {
            text = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                    + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        }
        return text + "/" + cidr.prefixLength();
    }

    static String traffic(int protocol, int port) {
        return RuleProtocol.hasPorts(protocol) ? Protocols.name(protocol) + " " + port : Protocols.name(protocol);
    }
}
