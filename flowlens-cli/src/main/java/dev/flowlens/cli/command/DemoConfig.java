package dev.flowlens.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.core.demo.DemoVpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo VPC's security groups, network ACLs, interfaces and flow log, in the JSON shape that
 * {@code aws ec2 describe-security-groups}, {@code describe-network-acls},
 * {@code describe-network-interfaces} and {@code describe-flow-logs} print, as they stand at the end
 * of the demo (after the 10:40 change to the app's group), so that {@code diagnose --config} can name
 * the rules and state what the flow log captures.
 */
final class DemoConfig {
    static final String SG_BASTION = "sg-0b1a2c3d4e5f60001";
    static final String SG_WEB = "sg-0b1a2c3d4e5f60101";
    static final String SG_APP = "sg-0b1a2c3d4e5f60201";
    static final String SG_DB = "sg-0b1a2c3d4e5f60301";
    static final String ACL_DEFAULT = "acl-0c1a2b3d4e5f60000";
    static final String ACL_WEB = "acl-0c1a2b3d4e5f60101";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoConfig() {}

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(
                dir.resolve("security-groups.json").toFile(),
                Map.of(
                        "SecurityGroups",
                        List.of(
                                group(
                                        SG_BASTION,
                                        "bastion",
                                        List.of(tcp(22, 22, cidrs("198.51.100.10/32"), List.of())),
                                        List.of(all("0.0.0.0/0"))),
                                group(
                                        SG_WEB,
                                        "web",
                                        List.of(
                                                tcp(443, 443, cidrs("0.0.0.0/0"), List.of()),
                                                tcp(8443, 8443, cidrs("0.0.0.0/0"), List.of()),
                                                icmp("0.0.0.0/0")),
                                        List.of(all("0.0.0.0/0"))),
                                // since 10:40 only web-2 may reach the app on 8080 (web-1 was dropped from the rule)
                                group(
                                        SG_APP,
                                        "app",
                                        List.of(tcp(8080, 8080, cidrs(DemoVpc.WEB_2.address() + "/32"), List.of())),
                                        List.of(all("0.0.0.0/0"))),
                                // the database answers the app tier only and may not reach the internet
                                group(
                                        SG_DB,
                                        "db",
                                        List.of(
                                                tcp(5432, 5433, cidrs(), List.of(SG_APP)),
                                                tcp(6379, 6379, cidrs(), List.of(SG_APP))),
                                        List.of(allTo("10.0.0.0/16"))))));
        JSON.writeValue(
                dir.resolve("network-acls.json").toFile(),
                Map.of(
                        "NetworkAcls",
                        List.of(
                                acl(
                                        ACL_DEFAULT,
                                        List.of(DemoVpc.APP.subnet(), DemoVpc.DB.subnet(), DemoVpc.BASTION.subnet()),
                                        List.of(
                                                entry(100, false, "allow", "-1", "0.0.0.0/0", null),
                                                entry(100, true, "allow", "-1", "0.0.0.0/0", null))),
                                // someone blocked replies to a range of the documentation network on the web subnet
                                acl(
                                        ACL_WEB,
                                        List.of(DemoVpc.WEB_1.subnet()),
                                        List.of(
                                                entry(100, false, "allow", "-1", "0.0.0.0/0", null),
                                                entry(90, true, "deny", "-1", "203.0.113.0/26", null),
                                                entry(100, true, "allow", "-1", "0.0.0.0/0", null))))));
        List<Object> enis = new ArrayList<>();
        enis.add(eni(DemoVpc.WEB_1, SG_WEB));
        enis.add(eni(DemoVpc.WEB_2, SG_WEB));
        enis.add(eni(DemoVpc.APP, SG_APP));
        enis.add(eni(DemoVpc.DB, SG_DB));
        enis.add(eni(DemoVpc.BASTION, SG_BASTION));
        JSON.writeValue(dir.resolve("network-interfaces.json").toFile(), Map.of("NetworkInterfaces", enis));
        JSON.writeValue(dir.resolve("flow-logs.json").toFile(), Map.of("FlowLogs", List.of(flowLog())));
    }

    /** The flow log that wrote the demo's files: on the VPC, every ENI, ALL traffic, 60 s windows, to S3, the demo's format. */
    private static Map<String, Object> flowLog() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("CreationTime", "2026-11-01T10:00:00.000Z");
        f.put("DeliverLogsStatus", "SUCCESS");
        f.put("FlowLogId", DemoVpc.FLOW_LOG_ID);
        f.put("FlowLogStatus", "ACTIVE");
        f.put("ResourceId", DemoVpc.VPC);
        f.put("TrafficType", "ALL");
        f.put("LogDestinationType", "s3");
        f.put("LogDestination", "arn:aws:s3:::flowlens-demo-flowlogs");
        f.put("LogFormat", DemoVpc.FORMAT.awsSpec());
        f.put("Tags", List.of());
        f.put("MaxAggregationInterval", DemoVpc.WINDOW);
        return f;
    }

    private static Map<String, Object> group(String id, String name, List<Object> in, List<Object> out) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("GroupId", id);
        g.put("GroupName", name);
        g.put("VpcId", DemoVpc.VPC);
        g.put("IpPermissions", in);
        g.put("IpPermissionsEgress", out);
        return g;
    }

    private static List<Object> cidrs(String... blocks) {
        List<Object> list = new ArrayList<>();
        for (String b : blocks) {
            list.add(Map.of("CidrIp", b));
        }
        return list;
    }

    private static Map<String, Object> tcp(int from, int to, List<Object> ranges, List<String> groups) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("IpProtocol", "tcp");
        p.put("FromPort", from);
        p.put("ToPort", to);
        p.put("IpRanges", ranges);
        List<Object> pairs = new ArrayList<>();
        for (String g : groups) {
            pairs.add(Map.of("GroupId", g));
        }
        p.put("UserIdGroupPairs", pairs);
        return p;
    }

    private static Map<String, Object> icmp(String block) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("IpProtocol", "icmp");
        p.put("FromPort", -1);
        p.put("ToPort", -1);
        p.put("IpRanges", cidrs(block));
        return p;
    }

    private static Map<String, Object> all(String block) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("IpProtocol", "-1");
        p.put("IpRanges", cidrs(block));
        return p;
    }

    private static Map<String, Object> allTo(String block) {
        return all(block);
    }

    private static Map<String, Object> acl(String id, List<String> subnets, List<Object> entries) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("NetworkAclId", id);
        a.put("VpcId", DemoVpc.VPC);
        List<Object> assoc = new ArrayList<>();
        for (String s : subnets) {
            assoc.add(Map.of("SubnetId", s, "NetworkAclId", id));
        }
        a.put("Associations", assoc);
        List<Object> all = new ArrayList<>(entries);
        all.add(entry(32767, false, "deny", "-1", "0.0.0.0/0", null));
        all.add(entry(32767, true, "deny", "-1", "0.0.0.0/0", null));
        a.put("Entries", all);
        return a;
    }

    private static Map<String, Object> entry(
            int rule, boolean egress, String action, String protocol, String block, int[] ports) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("RuleNumber", rule);
        e.put("Egress", egress);
        e.put("RuleAction", action);
        e.put("Protocol", protocol);
        e.put("CidrBlock", block);
        if (ports != null) {
            e.put("PortRange", Map.of("From", ports[0], "To", ports[1]));
        }
        return e;
    }

    private static Map<String, Object> eni(DemoVpc.Eni eni, String group) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("NetworkInterfaceId", eni.id());
        n.put("SubnetId", eni.subnet());
        n.put("VpcId", DemoVpc.VPC);
        n.put("PrivateIpAddress", eni.address());
        n.put("Groups", List.of(Map.of("GroupId", group, "GroupName", eni.name())));
        n.put("Description", eni.name());
        return n;
    }
}
