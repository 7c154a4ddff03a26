package dev.flowlens.core.report;

import static dev.flowlens.core.format.FlowField.ACTION;
import static dev.flowlens.core.format.FlowField.AZ_ID;
import static dev.flowlens.core.format.FlowField.BYTES;
import static dev.flowlens.core.format.FlowField.DSTADDR;
import static dev.flowlens.core.format.FlowField.DSTPORT;
import static dev.flowlens.core.format.FlowField.FLOW_DIRECTION;
import static dev.flowlens.core.format.FlowField.INSTANCE_ID;
import static dev.flowlens.core.format.FlowField.INTERFACE_ID;
import static dev.flowlens.core.format.FlowField.PACKETS;
import static dev.flowlens.core.format.FlowField.PKT_DSTADDR;
import static dev.flowlens.core.format.FlowField.PKT_SRCADDR;
import static dev.flowlens.core.format.FlowField.PROTOCOL;
import static dev.flowlens.core.format.FlowField.SRCADDR;
import static dev.flowlens.core.format.FlowField.SRCPORT;
import static dev.flowlens.core.format.FlowField.START;
import static dev.flowlens.core.format.FlowField.SUBNET_ID;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.insights.InsightsFields;
import dev.flowlens.core.insights.SqlDialect;
import dev.flowlens.core.insights.SqlDialect.Construct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in reports: the named queries AWS's Athena integration for flow logs creates (written
 * afresh for the workspace), plus port scans, admin and database ports reached from the internet,
 * one-way flows, rejected traffic over time, NAT gateway top talkers and cross-AZ traffic.
 */
public final class Reports {
    /** Ports of remote administration: SSH, RDP, WinRM, VNC, Docker and Kubernetes APIs, kubelet. */
    static final String ADMIN_PORTS = "(22, 3389, 5985, 5986, 5900, 2375, 2376, 6443, 10250)";
    /** SSH, RDP and database ports: SQL Server, Oracle, MySQL, PostgreSQL, Redshift, Redis, MongoDB, Elasticsearch, Memcached. */
    static final String EXPOSED_PORTS = "(22, 3389, 1433, 1521, 3306, 5432, 5439, 6379, 27017, 9200, 11211)";

    private Reports() {}

    private static ReportSql sql(String sql, Object... params) {
        return new ReportSql(sql, Arrays.asList(params)); // a parameter may be NULL (nat-gateway's absent --eni)
    }

    /** {@code ORDER BY} the keys ({@code "bytes DESC"}, {@code "1"}), absent values last in every engine. */
    static String orderBy(SqlDialect d, String... keys) {
        StringBuilder b = new StringBuilder("ORDER BY ");
        for (int k = 0; k < keys.length; k++) {
            boolean descending = keys[k].endsWith(" DESC");
            String key = descending ? keys[k].substring(0, keys[k].length() - " DESC".length()) : keys[k];
            b.append(k == 0 ? "" : ", ")
                    .append(d.sql(descending ? Construct.ORDER_DESCENDING : Construct.ORDER_ASCENDING, key));
        }
        return b.toString();
    }

    /** True for addresses outside private, shared, loopback and link-local ranges (IPv4 and IPv6). */
    static String isPublic(SqlDialect d, String column) {
        return "(" + column + " IS NOT NULL AND NOT (" + column + " LIKE '10.%' OR " + column + " LIKE '192.168.%' OR "
                + column + " LIKE '127.%' OR "
                + column + " LIKE '169.254.%' OR "
                + d.sql(Construct.REGEX_FIND, column, d.stringLiteral("^172\\.(1[6-9]|2[0-9]|3[01])\\.")) + " OR "
                + d.sql(
                        Construct.REGEX_FIND,
                        column,
                        d.stringLiteral("^100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\\."))
                + " OR " + d.sql(Construct.REGEX_FIND, "lower(" + column + ")", d.stringLiteral("^(f[cd]|fe[89ab])"))
                + " OR " + column + " = '::1'))";
    }

    /**
     * A report over the time range alone: {@code query} (up to its {@code GROUP BY}), ordered by
     * {@code order}, at most {@code --limit} rows.
     */
    private static Report grouped(String name, String description, Set<FlowField> fields, String query, String order) {
        return ordered(name, description, fields, false, o -> List.of(), query, order);
    }

    /** As {@link #grouped}, with {@code query} taking the {@code --address} as its one parameter. */
    private static Report ofAddress(
            String name, String description, Set<FlowField> fields, String query, String order) {
        return ordered(name, description, fields, true, o -> Collections.singletonList(o.address()), query, order);
    }

    /**
     * {@code query} with the parameters {@code leading} gives it, then ordered by {@code order}
     * ({@code "bytes DESC, 1"}) and cut at {@code --limit} rows: the one place these reports' order
     * and limit are written.
     */
    private static Report ordered(
            String name,
            String description,
            Set<FlowField> fields,
            boolean byAddress,
            Function<ReportOptions, List<Object>> leading,
            String query,
            String order) {
        return new Report(name, description, fields, byAddress, (o, d) -> {
            List<Object> params = new ArrayList<>(leading.apply(o));
            params.add(o.limit());
            return new ReportSql(query + " " + orderBy(d, order.split(", ")) + " LIMIT ?", params);
        });
    }

    /** A report over the time range alone whose {@code body} writes the whole query, its order and limit included. */
    private static Report custom(String name, String description, Set<FlowField> fields, Report.Body body) {
        return new Report(name, description, fields, false, body);
    }

    /** Records, packets and bytes of the records matching {@code where}. */
    private static Report totals(String name, String description, String where) {
        return custom(
                name,
                description,
                Set.of(SRCADDR, BYTES, PACKETS),
                (o, d) -> sql(
                        "SELECT count(*) AS records, coalesce(sum(packets), 0) AS packets, coalesce(sum(bytes), 0) AS bytes FROM f "
                                + where));
    }

    private static Report top(String name, String description, FlowField field, String label) {
        return grouped(
                name,
                description,
                Set.of(field, BYTES, PACKETS),
                "SELECT \"" + field.column() + "\" AS " + label
                        + ", sum(bytes) AS bytes, sum(packets) AS packets, count(*) AS records FROM f WHERE \""
                        + field.column()
                        + "\" IS NOT NULL GROUP BY 1",
                "bytes DESC, 1");
    }

    private static Report pairs(String name, String description, FlowField src, FlowField dst) {
        return grouped(
                name,
                description,
                Set.of(src, dst, BYTES),
                "SELECT \"" + src.column() + "\" AS source, \"" + dst.column()
                        + "\" AS destination, sum(bytes) AS bytes, count(*) AS records FROM f WHERE \""
                        + src.column() + "\" IS NOT NULL GROUP BY 1, 2",
                "bytes DESC, 1, 2");
    }

    public static final List<Report> ALL = List.of(
            grouped(
                    "accepted-traffic",
                    "TCP connections allowed by security groups and network ACLs, busiest first (Athena: VpcFlowLogsAcceptedTraffic)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, ACTION, BYTES),
                    "SELECT srcaddr, dstaddr, dstport, count(*) AS records, sum(bytes) AS bytes FROM f WHERE action = 'ACCEPT' AND protocol = 6 "
                            + "GROUP BY 1, 2, 3",
                    "records DESC, bytes DESC, 1, 2, 3"),
            custom(
                    "admin-port-traffic",
                    "Top addresses on remote administration ports " + ADMIN_PORTS
                            + " (Athena: VpcFlowLogsAdminPortTraffic)",
                    Set.of(SRCADDR, DSTPORT, ACTION, BYTES),
                    (o, d) -> sql(
                            "SELECT srcaddr, dstport, count(*) AS records, count(*) FILTER (WHERE action = 'REJECT') AS rejected, sum(bytes) AS bytes FROM f "
                                    + "WHERE dstport IN " + ADMIN_PORTS
                                    + " GROUP BY 1, 2 " + orderBy(d, "records DESC", "1", "2") + " LIMIT ?",
                            Math.min(o.limit(), 10))),
            totals(
                    "ipv4-traffic",
                    "Total IPv4 traffic recorded (Athena: VpcFlowLogsIPv4Traffic)",
                    "WHERE contains(srcaddr, '.') AND NOT contains(srcaddr, ':')"),
            totals(
                    "ipv6-traffic",
                    "Total IPv6 traffic recorded (Athena: VpcFlowLogsIPv6Traffic)",
                    "WHERE contains(srcaddr, ':')"),
            grouped(
                    "rejected-tcp-traffic",
                    "TCP connections rejected by security groups or network ACLs (Athena: VpcFlowLogsRejectedTCPTraffic)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, ACTION),
                    "SELECT srcaddr, dstaddr, dstport, count(*) AS records, sum(packets) AS packets FROM f WHERE action = 'REJECT' AND protocol = 6 "
                            + "GROUP BY 1, 2, 3",
                    "records DESC, 1, 2, 3"),
            grouped(
                    "rejected-traffic",
                    "All traffic rejected by security groups or network ACLs (Athena: VpcFlowLogsRejectedTraffic)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, ACTION),
                    "SELECT srcaddr, dstaddr, dstport, protocol, count(*) AS records, sum(packets) AS packets FROM f WHERE action = 'REJECT' "
                            + "GROUP BY 1, 2, 3, 4",
                    "records DESC, 1, 2, 3, 4"),
            grouped(
                    "ssh-rdp-traffic",
                    "SSH (22) and RDP (3389) traffic, accepted and rejected (Athena: VpcFlowLogsSshRdpTraffic)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, ACTION),
                    "SELECT srcaddr, dstaddr, dstport, action, count(*) AS records, sum(bytes) AS bytes FROM f WHERE dstport IN (22, 3389) "
                            + "GROUP BY 1, 2, 3, 4",
                    "records DESC, 1, 2, 3, 4"),
            top(
                    "top-talkers",
                    "The source addresses with the most bytes (Athena: VpcFlowLogsTopTalkers)",
                    SRCADDR,
                    "srcaddr"),
            top(
                    "top-talkers-packet-level",
                    "The packet-level source addresses with the most bytes (Athena: VpcFlowLogsTopTalkersPacketLevel)",
                    PKT_SRCADDR,
                    "pkt_srcaddr"),
            top(
                    "top-talking-instances",
                    "The instances with the most bytes (Athena: VpcFlowLogsTopTalkingInstances)",
                    INSTANCE_ID,
                    "instance_id"),
            top(
                    "top-talking-subnets",
                    "Traffic by subnet: the subnets with the most bytes (Athena: VpcFlowLogsTopTalkingSubnets)",
                    SUBNET_ID,
                    "subnet_id"),
            top(
                    "traffic-by-eni",
                    "Traffic by network interface: bytes, packets and records per ENI",
                    INTERFACE_ID,
                    "interface_id"),
            grouped(
                    "traffic-by-port",
                    "Traffic by destination port and protocol, with accepted and rejected records",
                    Set.of(DSTPORT, PROTOCOL, ACTION, BYTES),
                    "SELECT dstport, protocol, count(*) AS records, count(*) FILTER (WHERE action = 'ACCEPT') AS accepted, "
                            + "count(*) FILTER (WHERE action = 'REJECT') AS rejected, sum(bytes) AS bytes FROM f WHERE dstport IS NOT NULL "
                            + "GROUP BY 1, 2",
                    "bytes DESC, 1, 2"),
            ofAddress(
                    "top-tcp-traffic",
                    "All TCP traffic of one source address (--address) by destination (Athena: VpcFlowLogsTopTCPTraffic)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, BYTES),
                    "SELECT dstaddr, dstport, action, count(*) AS records, sum(bytes) AS bytes FROM f WHERE protocol = 6 AND srcaddr = ? "
                            + "GROUP BY 1, 2, 3",
                    "bytes DESC, 1, 2, 3"),
            pairs(
                    "total-bytes-transferred",
                    "The source and destination pairs with the most bytes (Athena: VpcFlowLogsTotalBytesTransferred)",
                    SRCADDR,
                    DSTADDR),
            pairs(
                    "total-bytes-transferred-packet-level",
                    "The packet-level source and destination pairs with the most bytes "
                            + "(Athena: VpcFlowLogsTotalBytesTransferredPacketLevel)",
                    PKT_SRCADDR,
                    PKT_DSTADDR),
            ofAddress(
                    "traffic-from-source",
                    "Traffic from one source address (--address) (Athena: VpcFlowLogsTrafficFrmSrcAddr)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, ACTION, BYTES),
                    "SELECT dstaddr, dstport, protocol, action, count(*) AS records, sum(bytes) AS bytes FROM f WHERE srcaddr = ? "
                            + "GROUP BY 1, 2, 3, 4",
                    "bytes DESC, 1, 2, 3, 4"),
            ofAddress(
                    "traffic-to-destination",
                    "Traffic to one destination address (--address) (Athena: VpcFlowLogsTrafficToDstAddr)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, PROTOCOL, ACTION, BYTES),
                    "SELECT srcaddr, dstport, protocol, action, count(*) AS records, sum(bytes) AS bytes FROM f WHERE dstaddr = ? "
                            + "GROUP BY 1, 2, 3, 4",
                    "bytes DESC, 1, 2, 3, 4"),
            ordered(
                    "port-scans",
                    "Sources that tried many ports or hosts (--threshold, default 10), mostly rejected",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, ACTION),
                    false,
                    o -> List.of(o.scanThreshold(), o.scanThreshold()),
                    "SELECT srcaddr, count(DISTINCT dstport) AS ports, count(DISTINCT dstaddr) AS hosts, count(*) AS records, "
                            + "round(avg(CASE WHEN action = 'REJECT' THEN 1.0 ELSE 0.0 END), 2) AS rejected_share FROM f WHERE srcaddr IS NOT NULL "
                            + "GROUP BY 1 HAVING (count(DISTINCT dstport) >= ? OR count(DISTINCT dstaddr) >= ?) AND avg(CASE WHEN action = 'REJECT' THEN 1.0 ELSE 0.0 END) >= 0.5",
                    "ports DESC, hosts DESC, 1"),
            custom(
                    "internet-exposed-ports",
                    "SSH, RDP and database ports " + EXPOSED_PORTS + " reached from internet addresses (accepted)",
                    Set.of(SRCADDR, DSTADDR, DSTPORT, ACTION),
                    (o, d) -> sql(
                            "SELECT srcaddr, dstaddr, dstport, count(*) AS records, sum(bytes) AS bytes FROM f WHERE action = 'ACCEPT' AND dstport IN "
                                    + EXPOSED_PORTS + " AND " + isPublic(d, "srcaddr")
                                    + " GROUP BY 1, 2, 3 " + orderBy(d, "records DESC", "1", "2", "3") + " LIMIT ?",
                            o.limit())),
            grouped(
                    "one-way-flows",
                    "Accepted TCP/UDP requests to a service port with no record of the reply direction",
                    Set.of(SRCADDR, DSTADDR, SRCPORT, DSTPORT, PROTOCOL, ACTION),
                    "SELECT a.srcaddr, a.dstaddr, a.dstport, a.protocol, count(*) AS records, sum(a.packets) AS packets FROM f a "
                            + "WHERE a.action = 'ACCEPT' AND a.protocol IN (6, 17) AND a.dstport < a.srcport AND NOT EXISTS (SELECT 1 FROM f b "
                            + "WHERE b.srcaddr = a.dstaddr AND b.dstaddr = a.srcaddr AND b.srcport = a.dstport AND b.dstport = a.srcport AND b.protocol = a.protocol) "
                            + "GROUP BY 1, 2, 3, 4",
                    "records DESC, 1, 2, 3, 4"),
            custom(
                    "rejected-over-time",
                    "Rejected records, packets and distinct sources per time bucket (--bin, default 1h)",
                    Set.of(START, SRCADDR, ACTION, PACKETS),
                    (o, d) -> sql(
                            "SELECT " + d.sql(Construct.ISO_SECONDS, "b")
                                    + " AS bucket, count(*) AS records, sum(packets) AS packets, "
                                    + "count(DISTINCT srcaddr) AS sources FROM (SELECT start - start % ? AS b, srcaddr, packets FROM f WHERE action = 'REJECT') "
                                    + "GROUP BY b " + orderBy(d, "b") + " LIMIT ?",
                            o.binSeconds(),
                            Math.max(o.limit(), 1000))),
            custom(
                    "nat-gateway-top-talkers",
                    "Addresses sending the most bytes through NAT gateways (data processing cost); "
                            + "NAT gateway ENIs are found by interface-type or given with --eni",
                    Set.of(INTERFACE_ID, SRCADDR, DSTADDR, BYTES),
                    (o, d) -> sql(
                            "SELECT CASE WHEN " + isPublic(d, "srcaddr")
                                    + " THEN dstaddr ELSE srcaddr END AS talker, sum(bytes) AS bytes, "
                                    + "round(sum(bytes) / 1e9, 3) AS gb, round(sum(bytes) / 1e9 * 0.045, 2) AS est_processing_usd, count(*) AS records FROM f "
                                    + "WHERE (interface_id = ? OR (? IS NULL AND interface_type = 'nat_gateway')) AND srcaddr IS NOT NULL GROUP BY 1 "
                                    + orderBy(d, "bytes DESC", "1") + " LIMIT ?",
                            o.eni() == null ? "" : o.eni(),
                            o.eni() == null ? null : o.eni(),
                            o.limit())),
            grouped(
                    "cross-az-traffic",
                    "Bytes between network interfaces in different Availability Zones (needs az-id and flow-direction)",
                    Set.of(AZ_ID, FLOW_DIRECTION, SRCADDR, DSTADDR, BYTES),
                    "SELECT e.az_id AS src_az, l.az AS dst_az, e.srcaddr, e.dstaddr, sum(e.bytes) AS bytes, count(*) AS records FROM f e "
                            + "JOIN (SELECT srcaddr AS addr, min(az_id) AS az FROM f WHERE flow_direction = 'egress' AND az_id IS NOT NULL GROUP BY 1) l "
                            + "ON l.addr = e.dstaddr WHERE e.flow_direction = 'egress' AND e.az_id IS NOT NULL AND l.az <> e.az_id "
                            + "GROUP BY 1, 2, 3, 4",
                    "bytes DESC, 1, 2, 3, 4"));

    public static Optional<Report> byName(String name) {
        return ALL.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
    }

    public static Report require(String name) {
        return byName(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            ALL.forEach(r -> names.add(r.name()));
            String near = InsightsFields.nearest(name, names)
                    .map(n -> "; did you mean '" + n + "'?")
                    .orElse("");
            return new FlowlensException(
                    ErrorCode.UNKNOWN_REPORT,
                    "no report named '" + name + "'" + near + " (see 'flowlens report --list')");
        });
    }
}
