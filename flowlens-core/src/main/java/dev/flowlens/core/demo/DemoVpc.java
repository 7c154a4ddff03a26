package dev.flowlens.core.demo;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A deterministic demo VPC and two hours of its flow logs: web servers behind the internet, an app
 * tier, a database, a bastion host, background traffic, and a handful of deliberate failures, each
 * one a verdict Flowlens should find:
 *
 * <ul>
 *   <li>rejected inbound: SSH from the internet to the bastion (security group), and a port scan;
 *   <li>rejected reply: HTTPS on 8443 to web-2 accepted in, reply rejected out (network ACL), and the
 *       AWS guide's ping;
 *   <li>no response: the app reaches the database host on 6379 and nothing answers;
 *   <li>reset: the app reaches the database on 5433 and the host answers with RST;
 *   <li>rejected egress: the database tries HTTPS to the internet;
 *   <li>a change: web-1 to the app on 8080 works until 10:40, then is rejected inbound.
 * </ul>
 *
 * Records use a custom version 5 format; files follow the S3 layout, one per 5 minutes.
 */
public final class DemoVpc {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String VPC = "vpc-0f1e2d3c4b5a69788";
    public static final String FLOW_LOG_ID = "fl-0d3m0f10w10g5a7b1";
    /** 2026-11-20T10:00:00Z */
    public static final long START = 1_795_168_800L;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDER =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    public static final long DURATION = 2 * 3600;
    public static final int WINDOW = 60;

    /** The default format's fields, then the later versions' fields the demo writes. */
    public static final FlowFormat FORMAT = FlowFormat.of(Stream.concat(
                    FlowFormat.DEFAULT_V2.knownFields().stream(),
                    Stream.of(
                            FlowField.VPC_ID,
                            FlowField.SUBNET_ID,
                            FlowField.INSTANCE_ID,
                            FlowField.TCP_FLAGS,
                            FlowField.TYPE,
                            FlowField.PKT_SRCADDR,
                            FlowField.PKT_DSTADDR,
                            FlowField.REGION,
                            FlowField.AZ_ID,
                            FlowField.FLOW_DIRECTION,
                            FlowField.TRAFFIC_PATH))
            .toArray(FlowField[]::new));

    /** A network interface of the demo VPC. */
    public record Eni(String name, String id, String address, String subnet, String instance, String az) {}

    public static final Eni WEB_1 = new Eni(
            "web-1",
            "eni-0a1b2c3d4e5f60101",
            "10.0.1.10",
            "subnet-0aa1100000000web1",
            "i-0aa0000000000web1",
            "use1-az1");
    public static final Eni WEB_2 = new Eni(
            "web-2",
            "eni-0a1b2c3d4e5f60102",
            "10.0.1.11",
            "subnet-0aa1100000000web1",
            "i-0aa0000000000web2",
            "use1-az1");
    public static final Eni APP = new Eni(
            "app-1",
            "eni-0a1b2c3d4e5f60201",
            "10.0.2.20",
            "subnet-0bb2200000000app1",
            "i-0bb00000000000app1",
            "use1-az2");
    public static final Eni DB = new Eni(
            "db-1",
            "eni-0a1b2c3d4e5f60301",
            "10.0.3.30",
            "subnet-0cc33000000000db1",
            "i-0cc000000000000db1",
            "use1-az2");
    public static final Eni BASTION = new Eni(
            "bastion",
            "eni-0a1b2c3d4e5f60001",
            "10.0.0.5",
            "subnet-0dd4400000000pub1",
            "i-0dd000000000bastion",
            "use1-az1");
    public static final List<Eni> ENIS = List.of(WEB_1, WEB_2, APP, DB, BASTION);

    /** One record line of the demo, and the end time that decides its file. */
    public record Line(long end, String text) {}

    private final Random random;
    private final List<Line> lines = new ArrayList<>();

    public DemoVpc(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Where AWS would deliver the demo's file of {@code slot} (epoch seconds) in S3, relative to the
     * bucket: {@code AWSLogs/ACCOUNT/vpcflowlogs/REGION/yyyy/MM/dd/ACCOUNT_vpcflowlogs_REGION_ID_TIME_HASH.log.gz}.
     */
    public static String objectKey(long slot) {
        Instant t = Instant.ofEpochSecond(slot);
        String hash = HexFormat.of().toHexDigits((int) (slot * 2654435761L)).substring(0, 8);
        return "AWSLogs/" + ACCOUNT + "/vpcflowlogs/" + REGION + "/" + FOLDER.format(t) + "/" + ACCOUNT
                + "_vpcflowlogs_" + REGION + "_" + FLOW_LOG_ID + "_" + FILE_TIME.format(t) + "_" + hash + ".log.gz";
    }

    /** The text of a file of {@code lines}: the format's header line, then one record a line. */
    public static String fileText(List<String> lines) {
        StringBuilder b = new StringBuilder(FORMAT.headerLine()).append('\n');
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** All records, grouped by the 5-minute file they belong to (key: the file's start time). */
    public Map<Long, List<String>> files() {
        generate();
        Map<Long, List<String>> files = new TreeMap<>();
        for (Line l : lines) {
            long slot = l.end() / 300 * 300;
            files.computeIfAbsent(slot, k -> new ArrayList<>()).add(l.text());
        }
        return files;
    }

    private void generate() {
        lines.clear();
        for (long w = START; w < START + DURATION; w += WINDOW) {
            window(w);
        }
    }

    /** One minute of the VPC: the everyday traffic, then the planted failures (in this order: the random draws depend on it). */
    private void window(long w) {
        everydayTraffic(w);
        plantedTraffic(w, (w - START) / 60);
    }

    private void everydayTraffic(long w) {
        // internet clients to the web tier on 443: established
        int clients = 8 + random.nextInt(8);
        for (int i = 0; i < clients; i++) {
            Eni web = random.nextBoolean() ? WEB_1 : WEB_2;
            String client = publicClient();
            tcpEstablished(w, client, ephemeral(), web, 443);
        }
        // web tier to app on 8080: established; from 10:40 web-1's attempts are rejected at the app
        for (Eni web : List.of(WEB_1, WEB_2)) {
            int n = 2 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                int port = ephemeral();
                if (web == WEB_1 && w >= START + 40 * 60) {
                    // request leaves web-1 (accepted), arrives at app and is rejected
                    long s = w + random.nextInt(20);
                    String from = web.address();
                    String to = APP.address();
                    add(web, from, to, port, 8080, 6, 2, 120, s, s + 5 + random.nextInt(20), "ACCEPT", 2, "egress", 1);
                    add(
                            APP,
                            from,
                            to,
                            port,
                            8080,
                            6,
                            2,
                            120,
                            s,
                            s + 5 + random.nextInt(20),
                            "REJECT",
                            2,
                            "ingress",
                            null);
                } else {
                    internalEstablished(w, web, port, APP, 8080);
                }
            }
        }
        // app to database on 5432: established
        for (int i = 0; i < 3 + random.nextInt(3); i++) {
            internalEstablished(w, APP, ephemeral(), DB, 5432);
        }
        // app to the internet (S3 through the gateway): established, recorded on the app ENI
        if (random.nextInt(3) == 0) {
            String s3 = "52.216." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            int port = ephemeral();
            long s = w + random.nextInt(30);
            long e = s + 1 + random.nextInt(25);
            add(APP, APP.address(), s3, port, 443, 6, 12, 2100, s, e, "ACCEPT", 2, "egress", 8);
            add(APP, s3, APP.address(), 443, port, 6, 15, 48_000, s, e, "ACCEPT", 18, "ingress", null);
        }
    }

    /** The failures and the bastion's traffic of {@code minute}: what the tour diagnoses. */
    private void plantedTraffic(long w, long minute) {
        if (minute % 7 == 3) {
            // SSH to the bastion from the internet: rejected by its security group
            long s = w + random.nextInt(30);
            String to = BASTION.address();
            add(BASTION, "203.0.113.77", to, ephemeral(), 22, 6, 3, 180, s, s + 10, "REJECT", 2, "ingress", null);
        } else if (minute % 5 != 0) {
            nodata(BASTION, w);
        } else {
            // administrators reach the bastion from the office
            tcpEstablished(w, "198.51.100.10", ephemeral(), BASTION, 22);
        }
        if (minute >= 30 && minute < 33) {
            // a port scan of web-1 from one address
            for (int p = 0; p < 40; p++) {
                int port = 20 + (int) (minute - 30) * 40 + p;
                if (port == 443) {
                    continue;
                }
                long s = w + random.nextInt(50);
                String to = WEB_1.address();
                add(WEB_1, "198.51.100.200", to, 40000 + p, port, 6, 1, 44, s, s, "REJECT", 2, "ingress", null);
            }
        }
        if (minute % 4 == 1) {
            // HTTPS on 8443 to web-2: the request is accepted, the reply rejected by the network ACL
            long s = w + random.nextInt(30);
            int port = ephemeral();
            add(WEB_2, "203.0.113.50", WEB_2.address(), port, 8443, 6, 2, 120, s, s + 20, "ACCEPT", 2, "ingress", null);
            add(WEB_2, WEB_2.address(), "203.0.113.50", 8443, port, 6, 2, 112, s, s + 20, "REJECT", 18, "egress", 2);
        }
        if (minute == 15 || minute == 16) {
            // the AWS guide's ping: accepted in, reply rejected out
            long s = w + 5;
            add(WEB_1, "203.0.113.12", WEB_1.address(), 0, 0, 1, 4, 336, s, s + 50, "ACCEPT", null, "ingress", null);
            add(WEB_1, WEB_1.address(), "203.0.113.12", 0, 0, 1, 4, 336, s + 2, s + 50, "REJECT", null, "egress", 2);
        }
        if (minute % 6 == 2) {
            // the app tries the cache port on the database host: nothing listens, the host firewall drops it
            long s = w + random.nextInt(30);
            int port = ephemeral();
            add(APP, APP.address(), DB.address(), port, 6379, 6, 3, 180, s, s + 7, "ACCEPT", 2, "egress", 1);
            add(DB, APP.address(), DB.address(), port, 6379, 6, 3, 180, s, s + 7, "ACCEPT", 2, "ingress", null);
        }
        if (minute % 10 == 4) {
            // the app tries 5433 on the database: the host answers with RST (port closed)
            long s = w + random.nextInt(30);
            int port = ephemeral();
            add(APP, APP.address(), DB.address(), port, 5433, 6, 1, 60, s, s, "ACCEPT", 2, "egress", 1);
            add(DB, APP.address(), DB.address(), port, 5433, 6, 1, 60, s, s, "ACCEPT", 2, "ingress", null);
            add(DB, DB.address(), APP.address(), 5433, port, 6, 1, 40, s, s, "ACCEPT", 4, "egress", 1);
            add(APP, DB.address(), APP.address(), 5433, port, 6, 1, 40, s, s, "ACCEPT", 4, "ingress", null);
        }
        if (minute % 9 == 5) {
            // the database tries HTTPS to the internet: rejected leaving it
            long s = w + random.nextInt(30);
            add(DB, DB.address(), "203.0.113.80", ephemeral(), 443, 6, 3, 180, s, s + 12, "REJECT", 2, "egress", null);
        }
        if (minute == 77) {
            skipdata(WEB_2, w);
        }
    }

    private void tcpEstablished(long w, String client, int clientPort, Eni server, int port) {
        long s = w + random.nextInt(40);
        long e = Math.min(w + WINDOW - 1, s + 1 + random.nextInt(20));
        int reqPackets = 5 + random.nextInt(20);
        int respPackets = 5 + random.nextInt(40);
        String addr = server.address();
        long reqBytes = reqPackets * (60 + random.nextInt(400));
        add(server, client, addr, clientPort, port, 6, reqPackets, reqBytes, s, e, "ACCEPT", 3, "ingress", null);
        long respBytes = respPackets * (200 + random.nextInt(1200));
        add(server, addr, client, port, clientPort, 6, respPackets, respBytes, s, e, "ACCEPT", 19, "egress", 2);
    }

    private void internalEstablished(long w, Eni client, int clientPort, Eni server, int port) {
        long s = w + random.nextInt(40);
        long e = Math.min(w + WINDOW - 1, s + 1 + random.nextInt(20));
        int reqPackets = 4 + random.nextInt(10);
        int respPackets = 4 + random.nextInt(30);
        long reqBytes = reqPackets * (80L + random.nextInt(300));
        long respBytes = respPackets * (300L + random.nextInt(1100));
        String c = client.address();
        String sv = server.address();
        // seen on the client's interface
        add(client, c, sv, clientPort, port, 6, reqPackets, reqBytes, s, e, "ACCEPT", 3, "egress", 1);
        add(client, sv, c, port, clientPort, 6, respPackets, respBytes, s, e, "ACCEPT", 19, "ingress", null);
        // and on the server's, where the capture window may start a little later
        long s2 = s + random.nextInt(3);
        add(server, c, sv, clientPort, port, 6, reqPackets, reqBytes, s2, e, "ACCEPT", 3, "ingress", null);
        add(server, sv, c, port, clientPort, 6, respPackets, respBytes, s2, e, "ACCEPT", 19, "egress", 1);
    }

    private void add(
            Eni eni,
            String src,
            String dst,
            int srcPort,
            int dstPort,
            int protocol,
            long packets,
            long bytes,
            long start,
            long end,
            String action,
            Integer flags,
            String direction,
            Integer trafficPath) {
        StringBuilder b = new StringBuilder(220);
        b.append("5 ")
                .append(ACCOUNT)
                .append(' ')
                .append(eni.id())
                .append(' ')
                .append(src)
                .append(' ')
                .append(dst)
                .append(' ')
                .append(srcPort)
                .append(' ')
                .append(dstPort)
                .append(' ')
                .append(protocol)
                .append(' ')
                .append(packets)
                .append(' ')
                .append(bytes)
                .append(' ')
                .append(start)
                .append(' ')
                .append(end)
                .append(' ')
                .append(action)
                .append(" OK ")
                .append(VPC)
                .append(' ')
                .append(eni.subnet())
                .append(' ')
                .append(eni.instance())
                .append(' ')
                .append(flags == null ? "-" : flags.toString())
                .append(" IPv4 ")
                .append(src)
                .append(' ')
                .append(dst)
                .append(' ')
                .append(REGION)
                .append(' ')
                .append(eni.az())
                .append(' ')
                .append(direction)
                .append(' ')
                .append(trafficPath == null ? "-" : trafficPath.toString());
        lines.add(new Line(end, b.toString()));
    }

    private void nodata(Eni eni, long w) {
        lines.add(new Line(
                w + WINDOW,
                "5 " + ACCOUNT + " " + eni.id() + " - - - - - - - " + w + " " + (w + WINDOW) + " - NODATA " + VPC + " "
                        + eni.subnet() + " " + eni.instance() + " - - - - " + REGION + " " + eni.az() + " - -"));
    }

    private void skipdata(Eni eni, long w) {
        lines.add(new Line(
                w + WINDOW,
                "5 " + ACCOUNT + " " + eni.id() + " - - - - - - - " + w + " " + (w + WINDOW) + " - SKIPDATA " + VPC
                        + " " + eni.subnet() + " " + eni.instance() + " - - - - " + REGION + " " + eni.az() + " - -"));
    }

    private int ephemeral() {
        return 32768 + random.nextInt(28232);
    }

    private String publicClient() {
        switch (random.nextInt(4)) {
            case 0:
                return "198.51.100." + (20 + random.nextInt(150));
            case 1:
                return "203.0.113." + (100 + random.nextInt(150));
            default:
                return "192.0.2." + (1 + random.nextInt(250));
        }
    }
}
