package dev.flowlens.store.query;

import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.Ingestor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded flow log records in a custom v5 format (with az-id and flow-direction): sources from
 * 192.0.2.0/24, 198.51.100.0/24, 10.0.0.0/16 and a few IPv6, TCP/UDP/ICMP, ACCEPT/REJECT, some
 * NODATA and SKIPDATA records; every record has its own start second, so time sorts have no ties.
 */
final class InsightsTestData {
    static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
                    + "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id flow-direction";
    static final long T0 = 1_700_000_000L;

    private InsightsTestData() {}

    static List<String> lines(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        out.add(HEADER);
        String[] enis = {"eni-0a1", "eni-0b2", "eni-0c3", "eni-0d4", "eni-0e5"};
        String[] subnets = {"subnet-aaa", "subnet-bbb", "subnet-ccc"};
        String[] azs = {"use1-az1", "use1-az2"};
        int[] ports = {22, 80, 443, 3389, 5432, 53, 8080, 123};
        for (int i = 0; i < n; i++) {
            long start = T0 + i * 3L + r.nextInt(3);
            int e = r.nextInt(enis.length);
            String eni = enis[e];
            String subnet = subnets[e % subnets.length];
            String az = azs[e % azs.length];
            int kind = r.nextInt(100);
            if (kind < 2) {
                out.add("5 123456789012 " + eni + " - - - - - - - " + start + " " + (start + 60)
                        + " - NODATA - - - - - - - - - -");
                continue;
            }
            if (kind < 4) {
                out.add("5 123456789012 " + eni + " - - - - - - - " + start + " " + (start + 60)
                        + " - SKIPDATA - - - - - - - - - -");
                continue;
            }
            String src;
            int pool = r.nextInt(10);
            if (pool < 3) {
                src = "192.0.2." + r.nextInt(40);
            } else if (pool < 5) {
                src = "198.51.100." + r.nextInt(40);
            } else if (pool < 9) {
                src = "10.0." + r.nextInt(4) + "." + (1 + r.nextInt(60));
            } else {
                src = "2001:db8::" + Integer.toHexString(1 + r.nextInt(30));
            }
            String dst = src.contains(":")
                    ? "2001:db8:1::" + Integer.toHexString(1 + r.nextInt(5))
                    : "10.0." + r.nextInt(4) + "." + (1 + r.nextInt(20));
            int proto = r.nextInt(10) < 6 ? 6 : r.nextInt(10) < 8 ? 17 : 1;
            String sport = proto == 1 ? "0" : String.valueOf(1024 + r.nextInt(60000));
            String dport = proto == 1 ? "0" : String.valueOf(ports[r.nextInt(ports.length)]);
            long packets = 1 + r.nextInt(100_000);
            long bytes = packets * (40 + r.nextInt(1400));
            String action = r.nextInt(10) < 7 ? "ACCEPT" : "REJECT";
            String dir = r.nextBoolean() ? "ingress" : "egress";
            out.add("5 123456789012 " + eni + " " + src + " " + dst + " " + sport + " " + dport + " " + proto + " "
                    + packets + " " + bytes
                    + " " + start + " " + (start + 1 + r.nextInt(59)) + " " + action + " OK vpc-111 " + subnet + " i-"
                    + e + " "
                    + (proto == 6 ? r.nextInt(32) : 0) + " IPv" + (src.contains(":") ? "6" : "4") + " " + src + " "
                    + dst + " us-east-1 " + az + " " + dir);
        }
        return out;
    }

    /** Writes {@code n} records in {@code dir} and loads them into a new workspace there, {@code ws.db}; returns its path. */
    static Path workspace(Path dir, int n, long seed) throws IOException, SQLException {
        Path file = dir.resolve("flows-" + seed + ".log");
        Files.write(file, lines(n, seed), StandardCharsets.UTF_8);
        Path db = dir.resolve("ws.db");
        try (Workspace ws = Workspace.open(db)) {
            new Ingestor(ws, IngestOptions.defaults(), IngestListener.NONE).ingest(List.of(file));
        }
        return db;
    }
}
