package dev.flowlens.sources.awsconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.rules.FlowLogSetting;
import dev.flowlens.core.rules.NetworkAcl;
import dev.flowlens.core.rules.NetworkAclEntry;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.core.rules.NetworkInterface;
import dev.flowlens.core.rules.PortRange;
import dev.flowlens.core.rules.RuleProtocol;
import dev.flowlens.core.rules.SecurityGroup;
import dev.flowlens.core.rules.SecurityGroupRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the JSON that {@code aws ec2 describe-security-groups}, {@code describe-network-acls},
 * {@code describe-network-interfaces} and {@code describe-flow-logs} print, from every {@code *.json} file of a folder (any file
 * names; each file is recognised by its top-level key), into a {@link NetworkConfig}.
 */
public final class AwsConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    public NetworkConfig read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FlowlensException(
                    ErrorCode.PATH_NOT_FOUND,
                    "--config " + dir
                            + " is not a folder: give a folder holding the JSON of aws ec2 describe-security-groups, describe-network-acls and describe-network-interfaces");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new FlowlensException(
                    ErrorCode.PATH_UNREADABLE, "cannot list --config folder " + dir + ": " + e.getMessage(), e);
        }
        List<Document> documents = new ArrayList<>();
        for (Path f : files) {
            JsonNode root;
            try {
                root = JSON.readTree(f.toFile());
            } catch (JsonProcessingException e) {
                throw new FlowlensException(
                        ErrorCode.INVALID_CONFIG,
                        f + " is not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new FlowlensException(ErrorCode.PATH_UNREADABLE, "cannot read " + f + ": " + e.getMessage(), e);
            }
            documents.add(new Document(f.toString(), root));
        }
        NetworkConfig config = read(documents);
        if (config == null) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG,
                    "no file in --config " + dir
                            + " holds SecurityGroups, NetworkAcls, NetworkInterfaces or FlowLogs: save the output of aws ec2 describe-security-groups,"
                            + " describe-network-acls, describe-network-interfaces and describe-flow-logs (--output json) there, or run flowlens config fetch");
        }
        return config;
    }

    /**
     * A JSON document as the AWS CLI prints it, and where it came from (for messages).
     *
     * @param source a file name, or the API call it was fetched with
     */
    public record Document(String source, JsonNode root) {}

    /**
     * Reads documents (files of a folder, or answers fetched live in the same shape); null when none
     * holds a known key. The flow logs are known (possibly none) when a document holds {@code FlowLogs}.
     */
    public NetworkConfig read(List<Document> documents) {
        List<SecurityGroup> groups = new ArrayList<>();
        List<NetworkAcl> acls = new ArrayList<>();
        List<NetworkInterface> enis = new ArrayList<>();
        List<FlowLogSetting> flowLogs = null;
        int recognised = 0;
        for (Document d : documents) {
            String f = d.source();
            JsonNode root = d.root();
            if (root == null || !root.isObject()) {
                continue;
            }
            boolean any = false;
            if (root.has("SecurityGroups")) {
                for (JsonNode g : root.get("SecurityGroups")) {
                    groups.add(securityGroup(f, g));
                }
                any = true;
            }
            if (root.has("NetworkAcls")) {
                for (JsonNode a : root.get("NetworkAcls")) {
                    acls.add(networkAcl(f, a));
                }
                any = true;
            }
            if (root.has("NetworkInterfaces")) {
                for (JsonNode n : root.get("NetworkInterfaces")) {
                    enis.add(networkInterface(f, n));
                }
                any = true;
            }
            if (root.has("FlowLogs")) {
                flowLogs = flowLogs == null ? new ArrayList<>() : flowLogs;
                for (JsonNode n : root.get("FlowLogs")) {
                    flowLogs.add(flowLog(f, n));
                }
                any = true;
            }
            recognised += any ? 1 : 0;
        }
        return recognised == 0 ? null : new NetworkConfig(groups, acls, enis, flowLogs);
    }

    static FlowLogSetting flowLog(String f, JsonNode n) {
        String id = required(f, n, "FlowLogId");
        String resource = required(f, n, "ResourceId");
        String traffic = text(n, "TrafficType");
        FlowLogSetting.TrafficType type;
        try {
            type = traffic == null
                    ? FlowLogSetting.TrafficType.ALL
                    : FlowLogSetting.TrafficType.valueOf(traffic.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG,
                    f + ": flow log " + id + " has TrafficType '" + traffic + "': expected ACCEPT, REJECT or ALL");
        }
        return new FlowLogSetting(
                id,
                resource,
                type,
                n.path("MaxAggregationInterval").asInt(0),
                text(n, "LogFormat"),
                text(n, "LogDestinationType"),
                text(n, "LogGroupName"));
    }

    static SecurityGroup securityGroup(String f, JsonNode g) {
        String id = required(f, g, "GroupId");
        return new SecurityGroup(
                id,
                text(g, "GroupName"),
                permissions(f, id, g.path("IpPermissions")),
                permissions(f, id, g.path("IpPermissionsEgress")));
    }

    static List<SecurityGroupRule> permissions(String f, String groupId, JsonNode list) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (JsonNode p : list) {
            int protocol = protocol(f, groupId, text(p, "IpProtocol"));
            PortRange ports = PortRange.ALL;
            if (RuleProtocol.hasPorts(protocol) && p.hasNonNull("FromPort") && p.hasNonNull("ToPort")) {
                ports = ports(
                        f, groupId, p.get("FromPort").asInt(), p.get("ToPort").asInt());
            }
            List<Cidr> cidrs = new ArrayList<>();
            for (JsonNode r : p.path("IpRanges")) {
                cidrs.add(cidr(f, groupId, text(r, "CidrIp")));
            }
            for (JsonNode r : p.path("Ipv6Ranges")) {
                cidrs.add(cidr(f, groupId, text(r, "CidrIpv6")));
            }
            List<String> refs = texts(p.path("UserIdGroupPairs"), "GroupId");
            List<String> prefixLists = texts(p.path("PrefixListIds"), "PrefixListId");
            rules.add(new SecurityGroupRule(protocol, ports, cidrs, refs, prefixLists));
        }
        return rules;
    }

    static NetworkAcl networkAcl(String f, JsonNode a) {
        String id = required(f, a, "NetworkAclId");
        List<String> subnets = texts(a.path("Associations"), "SubnetId");
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (JsonNode e : a.path("Entries")) {
            int protocol = protocol(f, id, text(e, "Protocol"));
            String block = e.hasNonNull("CidrBlock") ? e.get("CidrBlock").asText() : text(e, "Ipv6CidrBlock");
            PortRange ports = PortRange.ALL;
            JsonNode pr = e.path("PortRange");
            if (RuleProtocol.hasPorts(protocol) && pr.hasNonNull("From") && pr.hasNonNull("To")) {
                ports = ports(f, id, pr.get("From").asInt(), pr.get("To").asInt());
            }
            entries.add(new NetworkAclEntry(
                    e.path("RuleNumber").asInt(NetworkAclEntry.DEFAULT_RULE),
                    e.path("Egress").asBoolean(false),
                    "allow".equalsIgnoreCase(text(e, "RuleAction")),
                    protocol,
                    cidr(f, id, block),
                    ports));
        }
        return new NetworkAcl(id, subnets, entries);
    }

    static NetworkInterface networkInterface(String f, JsonNode n) {
        String id = required(f, n, "NetworkInterfaceId");
        List<String> addresses = new ArrayList<>();
        if (n.hasNonNull("PrivateIpAddress")) {
            addresses.add(n.get("PrivateIpAddress").asText());
        }
        for (JsonNode a : n.path("PrivateIpAddresses")) {
            String ip = text(a, "PrivateIpAddress");
            if (ip != null && !addresses.contains(ip)) {
                addresses.add(ip);
            }
        }
        addresses.addAll(texts(n.path("Ipv6Addresses"), "Ipv6Address"));
        List<String> groups = texts(n.path("Groups"), "GroupId");
        return new NetworkInterface(id, text(n, "SubnetId"), text(n, "VpcId"), addresses, groups);
    }

    private static int protocol(String f, String owner, String text) {
        try {
            return RuleProtocol.parse(text);
        } catch (FlowlensException e) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG,
                    f + ": " + owner + " has a rule with protocol '" + text
                            + "': expected -1, tcp, udp, icmp, icmpv6 or a number");
        }
    }

    private static PortRange ports(String f, String owner, int from, int to) {
        if (from == -1 && to == -1) {
            return PortRange.ALL;
        }
        if (from < 0 || to > 65535 || from > to) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG,
                    f + ": " + owner + " has a rule with ports " + from + "-" + to
                            + ": expected 0-65535 with from <= to");
        }
        return new PortRange(from, to);
    }

    private static Cidr cidr(String f, String owner, String text) {
        if (text == null) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG, f + ": " + owner + " has a rule without CidrBlock or Ipv6CidrBlock");
        }
        try {
            return Cidr.parse(text);
        } catch (FlowlensException e) {
            throw new FlowlensException(
                    ErrorCode.INVALID_CONFIG,
                    f + ": " + owner + " has a rule with block '" + text + "': " + e.getMessage());
        }
    }

    private static String required(String f, JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new FlowlensException(ErrorCode.INVALID_CONFIG, f + ": an entry has no " + field);
        }
        return v;
    }

    /** The text of {@code field} in each of {@code items} that has one. */
    private static List<String> texts(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            String t = text(item, field);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
