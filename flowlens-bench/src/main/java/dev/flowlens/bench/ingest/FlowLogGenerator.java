package dev.flowlens.bench.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes realistic default-format (v2) flow log records, deterministically from a seed, as S3-layout
 * {@code .log.gz} files with their header line: {@code AWSLogs/{account}/vpcflowlogs/{region}/yyyy/mm/dd/
 * {account}_vpcflowlogs_{region}_{fl-id}_{yyyyMMddTHHmmZ}_{hash}.log.gz}, one file per 5-minute window.
 *
 * <p>The records look like a busy VPC: a few hundred ENIs, private and public peers, well-known
 * server ports and ephemeral client ports, mostly TCP, skewed packet counts, about 5 % REJECT and a
 * few NODATA rows. Bytes are written straight into a buffer (no String per record).
 *
 * <p>Usage: {@code FlowLogGenerator OUT_DIR RECORDS [FILES] [SEED]}.
 */
public final class FlowLogGenerator {
    public static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String FLOW_LOG_ID = "fl-0a1b2c3d4e5f60718";
    /** 2024-05-01T00:00:00Z */
    static final long EPOCH = 1714521600L;

    private static final int[] SERVER_PORTS = {443, 80, 22, 53, 3306, 5432, 6379, 8080, 8443, 9200, 27017, 123, 3389, 25
    };
    private static final byte[][] ENIS = new byte[400][];
    /** Public peers: a fixed pool, picked with a skew (a few busy peers, a long tail). */
    private static final int[] PUBLIC_PEERS = new int[20_000];

    static {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < ENIS.length; i++) {
            StringBuilder b = new StringBuilder("eni-0");
            for (int k = 0; k < 16; k++) {
                b.append(Character.forDigit(r.nextInt(16), 16));
            }
            ENIS[i] = b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < PUBLIC_PEERS.length; i++) {
            PUBLIC_PEERS[i] = ((1 + r.nextInt(222)) << 24) | r.nextInt(1 << 24);
        }
    }

    private final SplittableRandom random;
    private final long windowStart;
    private byte[] buf = new byte[1 << 16];
    private int pos;

    /** A generator of the records of the 5-minute window starting at {@code windowStart}. */
    public FlowLogGenerator(long seed, long windowStart) {
        this.random = new SplittableRandom(seed);
        this.windowStart = windowStart;
    }

    /** Appends one record and its newline to the internal buffer. */
    public void nextRecord() {
        ensure(256);
        SplittableRandom r = random;
        int eni = r.nextInt(ENIS.length);
        ascii("2 ");
        ascii(ACCOUNT);
        put(' ');
        bytes(ENIS[eni]);
        put(' ');
        int kind = r.nextInt(1000);
        // records close on the 60 s aggregation boundaries of the window; most flows span the interval
        long end = windowStart - 60L * r.nextInt(5) - (r.nextInt(8) == 0 ? r.nextInt(60) : 0);
        long start = end - (r.nextInt(3) == 0 ? r.nextInt(60) : 59);
        if (kind < 3) {
            // NODATA / SKIPDATA: no traffic fields
            ascii("- - - - - - - ");
            number(start);
            put(' ');
            number(end);
            ascii(kind < 2 ? " - NODATA\n" : " - SKIPDATA\n");
            return;
        }
        // the ENI's own private address and a peer (private or public)
        int own1 = 16 + (eni % 16);
        int own2 = eni * 7 % 256;
        boolean publicPeer = r.nextInt(10) < 3;
        boolean inbound = r.nextBoolean();
        boolean serverSide = r.nextBoolean();
        int protocolPick = r.nextInt(100);
        int protocol = protocolPick < 85 ? 6 : protocolPick < 98 ? 17 : 1;
        int serverPort = SERVER_PORTS[Math.min(SERVER_PORTS.length - 1, (int) Math.abs(r.nextGaussian() * 3))];
        int clientPort = 32768 + r.nextInt(28232);
        if (inbound) {
            peer(r, publicPeer);
            put(' ');
            own(own1, own2);
        } else {
            own(own1, own2);
            put(' ');
            peer(r, publicPeer);
        }
        put(' ');
        if (protocol == 1) {
            ascii("0 0 1 ");
        } else {
            number(serverSide == inbound ? clientPort : serverPort);
            put(' ');
            number(serverSide == inbound ? serverPort : clientPort);
            put(' ');
            number(protocol);
            put(' ');
        }
        long packets = 1 + (long) Math.min(2_000_000, Math.exp(r.nextDouble() * 9));
        long bytes = packets * (protocol == 6 ? (r.nextInt(4) == 0 ? 52 : 1448) : 40 + r.nextInt(8) * 64);
        number(packets);
        put(' ');
        number(bytes);
        put(' ');
        number(start);
        put(' ');
        number(end);
        ascii(kind < 50 ? " REJECT OK\n" : " ACCEPT OK\n");
    }

    private void own(int a, int b) {
        ascii("172.");
        number(a);
        put('.');
        number(b);
        put('.');
        number(1 + (b * 13) % 254);
    }

    private void peer(SplittableRandom r, boolean publicPeer) {
        if (publicPeer) {
            int a = PUBLIC_PEERS[(int) (PUBLIC_PEERS.length * Math.pow(r.nextDouble(), 3))];
            number(a >>> 24);
            put('.');
            number((a >>> 16) & 0xff);
            put('.');
            number((a >>> 8) & 0xff);
            put('.');
            number(a & 0xff);
        } else {
            ascii("10.0.");
            number(r.nextInt(64));
            put('.');
            number(1 + r.nextInt(254));
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, bigger, 0, pos);
            buf = bigger;
        }
    }

    private void put(char c) {
        buf[pos++] = (byte) c;
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void number(long v) {
        if (v == 0) {
            buf[pos++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += digits;
    }

    /** The bytes written so far. */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return pos;
    }

    public void reset() {
        pos = 0;
    }

    /** {@code count} records in memory (newline-terminated), for benchmarks. */
    public static byte[] records(long seed, int count) {
        FlowLogGenerator g = new FlowLogGenerator(seed, EPOCH + 300);
        for (int i = 0; i < count; i++) {
            g.nextRecord();
        }
        return java.util.Arrays.copyOf(g.buf, g.pos);
    }

    /** The S3 key (relative path) of the file of window {@code index}. */
    public static String keyOf(int index) {
        long window = EPOCH + 300L * index;
        ZonedDateTime t = Instant.ofEpochSecond(window).atZone(ZoneOffset.UTC);
        String stamp = String.format(
                "%04d%02d%02dT%02d%02dZ",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
        String hash =
                Integer.toHexString(0x10000000 | (index * 0x9E3779B1 >>> 4)).substring(0, 8);
        return String.format(
                "AWSLogs/%s/vpcflowlogs/%s/%04d/%02d/%02d/%s_vpcflowlogs_%s_%s_%s_%s.log.gz",
                ACCOUNT,
                REGION,
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                ACCOUNT,
                REGION,
                FLOW_LOG_ID,
                stamp,
                hash);
    }

    /** Writes file {@code index} with {@code count} records; returns its path. */
    public static Path writeFile(Path root, int index, long count, long seed) throws IOException {
        Path file = root.resolve(keyOf(index));
        Files.createDirectories(file.getParent());
        FlowLogGenerator g = new FlowLogGenerator(seed * 1_000_003L + index, EPOCH + 300L * (index + 1));
        try (OutputStream out = new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
                    {
                        def.setLevel(Deflater.DEFAULT_COMPRESSION);
                    }
                },
                1 << 16)) {
            out.write((HEADER + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (long i = 0; i < count; i++) {
                g.nextRecord();
                if (g.pos > (1 << 16) - 256) {
                    out.write(g.buf, 0, g.pos);
                    g.pos = 0;
                }
            }
            out.write(g.buf, 0, g.pos);
        }
        return file;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FlowLogGenerator OUT_DIR RECORDS [FILES] [SEED]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        long records = Long.parseLong(args[1]);
        int files = args.length > 2 ? Integer.parseInt(args[2]) : (int) Math.max(1, records / 250_000);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Path>> done = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int index = i;
            long count = records / files + (i < records % files ? 1 : 0);
            done.add(pool.submit(() -> writeFile(root, index, count, seed)));
        }
        long bytes = 0;
        for (Future<Path> f : done) {
            bytes += Files.size(f.get());
        }
        pool.shutdown();
        System.out.printf("wrote %d records in %d files, %.1f MB gzip, under %s%n", records, files, bytes / 1e6, root);
    }
}
