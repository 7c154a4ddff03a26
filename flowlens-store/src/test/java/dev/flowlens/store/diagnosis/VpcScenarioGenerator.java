package dev.flowlens.store.diagnosis;

import dev.flowlens.core.diagnosis.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulates a VPC with known outcomes: servers and internal clients each have an ENI with a flow
 * log, internet clients have none. Every planted connection attempt has the records AWS would log
 * for its verdict, on every ENI it crosses; background traffic (other clients, other ports, NODATA
 * windows) surrounds them. Written as flow log text in the default v2 format or a custom v5 format
 * (with tcp-flags and flow-direction).
 */
final class VpcScenarioGenerator {
    enum Format {
        V2(
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"),
        V5(
                "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action tcp-flags flow-direction traffic-path log-status");

        final String header;

        Format(String header) {
            this.header = header;
        }
    }

    /** A planted attempt and the verdict it must get. */
    record Planted(Verdict expected, String client, String server, int port, boolean internetClient) {}

    static final long T0 = 1_700_000_000L;
    static final int SERVERS = 4;
    static final int INTERNAL_CLIENTS = 6;

    private final Format format;
    private final Random random;
    private final List<String> lines = new ArrayList<>();
    private final List<Planted> planted = new ArrayList<>();
    private int nextClientPort = 40_000;
    private long clock = T0;

    VpcScenarioGenerator(Format format, long seed) {
        this.format = format;
        this.random = new Random(seed);
        lines.add(format.header);
    }

    static String server(int i) {
        return "10.0.1." + (10 + i);
    }

    static String internalClient(int i) {
        return "10.0.2." + (20 + i);
    }

    static String internetClient(int i) {
        return "198.51.100." + (30 + i);
    }

    static String eniOf(String address) {
        return "eni-0" + address.replace(".", "");
    }

    static boolean hasEni(String address) {
        return address.startsWith("10.");
    }

    List<String> lines() {
        return lines;
    }

    List<Planted> planted() {
        return planted;
    }

    /** Plants {@code perVerdict} attempts of every verdict the format can show, with background traffic between them. */
    VpcScenarioGenerator generate(int perVerdict) {
        for (int round = 0; round < perVerdict; round++) {
            for (Verdict v : Verdict.values()) {
                if (v == Verdict.RESET && format == Format.V2) {
                    continue; // a reset is only visible through tcp-flags
                }
                boolean internet = v != Verdict.REJECTED_EGRESS && random.nextBoolean();
                String client = internet
                        ? internetClient(random.nextInt(20))
                        : internalClient(random.nextInt(INTERNAL_CLIENTS));
                String server = server(random.nextInt(SERVERS));
                int port = new int[] {22, 443, 5432, 3389, 8080}[random.nextInt(5)];
                planted.add(new Planted(v, client, server, port, internet));
                if (v != Verdict.NOT_OBSERVED) {
                    attempt(v, client, server, port);
                } else {
                    // the asked-about client talks to the server on another port only
                    attempt(Verdict.ESTABLISHED, client, server, 9000 + port);
                }
                background();
                clock += 3600;
            }
        }
        return this;
    }

    private void attempt(Verdict v, String client, String server, int port) {
        int cport = nextClientPort++;
        long start = clock + random.nextInt(50);
        long end = start + 5 + random.nextInt(50);
        long replyStart = start + random.nextInt(5);
        int synPackets = 1 + random.nextInt(4);
        switch (v) {
            case ESTABLISHED -> {
                int p = 5 + random.nextInt(50);
                request(client, server, cport, port, p, p * 400L, start, end, "ACCEPT", 2, "ACCEPT");
                reply(server, client, port, cport, p, p * 900L, replyStart, end, "ACCEPT", 18, "ACCEPT");
            }
            case REJECTED_INBOUND ->
                request(client, server, cport, port, synPackets, synPackets * 60L, start, end, "ACCEPT", 2, "REJECT");
            case REJECTED_EGRESS ->
                request(client, server, cport, port, synPackets, synPackets * 60L, start, end, "REJECT", 2, null);
            case REJECTED_RESPONSE -> {
                request(client, server, cport, port, synPackets, synPackets * 60L, start, end, "ACCEPT", 2, "ACCEPT");
                reply(server, client, port, cport, synPackets, synPackets * 60L, replyStart, end, "REJECT", 18, null);
            }
            case NO_RESPONSE ->
                request(client, server, cport, port, synPackets, synPackets * 60L, start, end, "ACCEPT", 2, "ACCEPT");
            case RESET -> {
                request(client, server, cport, port, synPackets, synPackets * 60L, start, end, "ACCEPT", 2, "ACCEPT");
                reply(
                        server,
                        client,
                        port,
                        cport,
                        synPackets,
                        synPackets * 40L,
                        replyStart,
                        end,
                        "ACCEPT",
                        4,
                        "ACCEPT");
            }
            case NOT_OBSERVED -> throw new IllegalArgumentException("nothing to plant");
            default -> throw new AssertionError(v);
        }
    }

    /**
     * The request leaves the client's ENI ({@code atClient}, null when it never gets there) and
     * arrives at the server's ENI ({@code atServer}, null when it is not delivered).
     */
    private void request(
            String client,
            String server,
            int cport,
            int port,
            int packets,
            long bytes,
            long start,
            long end,
            String atClient,
            Integer flags,
            String atServer) {
        if (hasEni(client) && atClient != null) {
            record(eniOf(client), client, server, cport, port, packets, bytes, start, end, atClient, flags, "egress");
        }
        if (atServer != null && "ACCEPT".equals(atClient == null ? "ACCEPT" : atClient)
                || (atServer != null && !hasEni(client))) {
            record(
                    eniOf(server),
                    client,
                    server,
                    cport,
                    port,
                    packets,
                    bytes,
                    start + 1,
                    end,
                    atServer,
                    flags,
                    "ingress");
        }
    }

    /** The reply leaves the server's ENI with {@code atServer} and, when accepted, arrives at the client's with {@code atClient}. */
    private void reply(
            String server,
            String client,
            int port,
            int cport,
            int packets,
            long bytes,
            long start,
            long end,
            String atServer,
            Integer flags,
            String atClient) {
        record(eniOf(server), server, client, port, cport, packets, bytes, start, end, atServer, flags, "egress");
        if (hasEni(client) && "ACCEPT".equals(atServer) && atClient != null) {
            record(
                    eniOf(client),
                    server,
                    client,
                    port,
                    cport,
                    packets,
                    bytes,
                    start + 1,
                    end,
                    atClient,
                    flags,
                    "ingress");
        }
    }

    private void background() {
        for (int i = 0; i < 6; i++) {
            String client = random.nextBoolean()
                    ? internalClient(random.nextInt(INTERNAL_CLIENTS))
                    : internetClient(20 + random.nextInt(20));
            String server = server(random.nextInt(SERVERS));
            attempt(Verdict.ESTABLISHED, client, server, 10_000 + random.nextInt(100));
        }
        // every ENI talks to the outside now and then (this is also how the ENI's own address is learned)
        for (int i = 0; i < SERVERS; i++) {
            attempt(Verdict.ESTABLISHED, server(i), "203.0.113." + (1 + random.nextInt(200)), 443);
        }
        for (int i = 0; i < INTERNAL_CLIENTS; i++) {
            attempt(Verdict.ESTABLISHED, internalClient(i), "203.0.113." + (1 + random.nextInt(200)), 443);
        }
        String quiet = eniOf(server(random.nextInt(SERVERS)));
        lines.add(
                format == Format.V2
                        ? "2 123456789012 " + quiet + " - - - - - - - " + clock + " " + (clock + 60) + " - NODATA"
                        : "5 " + quiet + " - - - - - - - " + clock + " " + (clock + 60) + " - - - - NODATA");
    }

    private void record(
            String eni,
            String src,
            String dst,
            int sport,
            int dport,
            int packets,
            long bytes,
            long start,
            long end,
            String action,
            Integer flags,
            String direction) {
        if (format == Format.V2) {
            lines.add("2 123456789012 " + eni + " " + src + " " + dst + " " + sport + " " + dport + " 6 " + packets
                    + " " + bytes + " " + start + " " + end + " " + action + " OK");
        } else {
            String path = "egress".equals(direction) ? (dst.startsWith("10.") ? "1" : "8") : "-";
            lines.add("5 " + eni + " " + src + " " + dst + " " + sport + " " + dport + " 6 " + packets + " " + bytes
                    + " " + start + " " + end + " " + action + " " + (flags == null ? "-" : flags) + " " + direction
                    + " " + path + " OK");
        }
    }
}
