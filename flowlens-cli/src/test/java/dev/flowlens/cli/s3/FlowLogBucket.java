package dev.flowlens.cli.s3;

import dev.flowlens.core.s3.S3KeyLayouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Flow log objects in every S3 delivery layout (default, hourly, Hive, Hive hourly, organisation),
 * several accounts, regions (a GovCloud one too), days and hours, as gzip text, plain text and
 * Parquet (written by DuckDB), each with a known number of records whose times follow the delivery
 * model (end times up to 5 minutes either side of the name's time, up to an hour late, starts up to
 * 10 minutes before the end). Plus one corrupt gzip and one object that is not a flow log.
 */
final class FlowLogBucket {
    static final String BUCKET = "flow-logs";
    static final long T0 = LocalDateTime.of(2024, 3, 10, 0, 0).toEpochSecond(ZoneOffset.UTC);
    static final String CORRUPT_KEY = "AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/03/10/"
            + "111111111111_vpcflowlogs_eu-west-1_fl-0bad_20240310T1200Z_deadbeef.log.gz";
    static final String NOT_A_FLOW_LOG = "AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/03/10/README.txt";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT);
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    /**
     * One object: its key, the time in its name, its account and region, how many records it holds,
     * the interface of its records and their {start, end} times.
     */
    record Obj(String key, long fileTime, String account, String region, int records, String eni, List<long[]> times) {
        /** The records of this object that overlap {@code [from, to]} (either may be null) and are of {@code enis} (empty: any). */
        long recordsIn(Long from, Long to, Set<String> enis) {
            if (!enis.isEmpty() && !enis.contains(eni)) {
                return 0;
            }
            return times.stream()
                    .filter(t -> (from == null || t[1] >= from) && (to == null || t[0] <= to))
                    .count();
        }
    }

    final List<Obj> objects = new ArrayList<>();
    private int serial;

    /** Keys of every layout: (layout, account, region) series, one object every {@code stepHours} over days 9 to 11 March. */
    void fill(S3TestServer server, Path tmp, int stepHours) throws Exception {
        server.createBucket(BUCKET);
        String[][] series = {
            {"0", "111111111111", "eu-west-1"}, {"0", "222222222222", "us-gov-east-1"},
            {"1", "111111111111", "eu-west-1"}, {"1", "222222222222", "eu-west-1"},
            {"2", "111111111111", "us-gov-east-1"}, {"2", "222222222222", "eu-west-1"},
            {"3", "111111111111", "eu-west-1"}, {"3", "333333333333", "eu-west-1"},
            {"4", "111111111111", "eu-west-1"}, {"4", "444444444444", "us-gov-east-1"},
        };
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String[] s : series) {
                for (long t = T0 - 86_400 + 5 * 60L * (serial % 11); t < T0 + 2 * 86_400; t += stepHours * 3600L) {
                    add(server, duck, tmp, Integer.parseInt(s[0]), s[1], s[2], t, "fl-0" + s[0] + "a");
                }
            }
        }
        byte[] gz =
                gzip(HEADER + "\n2 111111111111 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1710072000 1710072060 ACCEPT OK\n");
        for (int i = 10; i < gz.length; i++) {
            gz[i] = (byte) (gz[i] ^ 0x5a); // the deflate stream is garbage after the gzip header
        }
        server.put(BUCKET, CORRUPT_KEY, gz);
        server.put(BUCKET, NOT_A_FLOW_LOG, "not a flow log".getBytes(StandardCharsets.UTF_8));
    }

    /** Record i of object n as a row of a SQL VALUES list (written to Parquet). */
    private static final String VALUES_ROW =
            "(2, '%s', 'eni-%08d', '10.0.%d.%d', '10.1.0.%d', %d, 443, 6, %d, %d, %d, %d, 'ACCEPT', 'OK')";

    /** Record i of object n as a line of the default format. */
    private static final String TEXT_LINE = "2 %s eni-%08d 10.0.%d.%d 10.1.0.%d %d 443 6 %d %d %d %d ACCEPT OK%n";

    /** Record {@code i} of object {@code n}, ending in {@code time}, its fields filled into {@code template}. */
    private static String record(String template, String account, int n, int i, long[] time) {
        return String.format(
                Locale.ROOT, template, account, n % 50, n % 250, i, i, 1024 + n, 1 + i, 100 + n, time[0], time[1]);
    }

    /** Adds one object of layout {@code layout} (0 default, 1 hourly, 2 Hive, 3 Hive hourly, 4 organisation) named with time {@code t}. */
    Obj add(
            S3TestServer server,
            Connection duck,
            Path tmp,
            int layout,
            String account,
            String region,
            long t,
            String flowLog)
            throws Exception {
        int n = serial++;
        int records = 2 + n % 4;
        LocalDateTime d = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
        // Parquet objects load one transaction each (slower than text): one in ten
        String format = n % 10 == 0 ? "parquet" : n % 2 == 1 ? "gz" : "text";
        String name = account + "_vpcflowlogs_" + region + "_" + flowLog + "_" + NAME_TIME.format(d) + "_"
                + String.format("%08x", n)
                + (format.equals("parquet") ? ".parquet" : format.equals("gz") ? ".log.gz" : ".log");
        String key = S3KeyLayouts.key(layout, account, region, d, name);
        List<long[]> times = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            long end = t - 300 - 3600 + ((n * 7919L + i * 104_729L) % (3600 + 600));
            times.add(new long[] {end - (n + i) % 600, end});
        }
        byte[] body;
        if (format.equals("parquet")) {
            Path file = tmp.resolve("o" + n + ".parquet");
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < records; i++) {
                values.append(i == 0 ? "" : ", ").append(record(VALUES_ROW, account, n, i, times.get(i)));
            }
            try (Statement st = duck.createStatement()) {
                st.execute("COPY (SELECT * FROM (VALUES " + values
                        + ") t(version, account_id, interface_id, srcaddr, dstaddr, srcport, "
                        + "dstport, protocol, packets, bytes, start, \"end\", action, log_status)) TO '" + file
                        + "' (FORMAT parquet)");
            } catch (SQLException e) {
                throw new IOException(e);
            }
            body = Files.readAllBytes(file);
            Files.delete(file);
        } else {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            for (int i = 0; i < records; i++) {
                text.append(record(TEXT_LINE, account, n, i, times.get(i)));
            }
            byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
            body = format.equals("gz") ? gzip(text.toString()) : plain;
        }
        server.put(BUCKET, key, body);
        Obj o = new Obj(key, t, account, region, records, String.format(Locale.ROOT, "eni-%08d", n % 50), times);
        objects.add(o);
        return o;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream os = new GZIPOutputStream(b)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    /**
     * The records a window loads: those of the accounts' and regions' objects whose capture window
     * overlaps it, wherever they are (the planner must not have pruned their object).
     */
    long recordsFor(Long from, Long to, Set<String> accounts, Set<String> regions) {
        return objects.stream()
                .filter(o -> accounts.isEmpty() || accounts.contains(o.account()))
                .filter(o -> regions.isEmpty() || regions.contains(o.region()))
                .mapToLong(o -> o.recordsIn(from, to, Set.of()))
                .sum();
    }

    /**
     * The objects a window needs, by the rule of docs/ingest.md written out here on its own: an
     * object named with time T is fetched when {@code from - 5 min <= T <= to + 75 min}.
     */
    List<Obj> selected(Long from, Long to, Set<String> accounts, Set<String> regions) {
        return objects.stream()
                .filter(o -> (from == null || o.fileTime() >= from - 300) && (to == null || o.fileTime() <= to + 4500))
                .filter(o -> accounts.isEmpty() || accounts.contains(o.account()))
                .filter(o -> regions.isEmpty() || regions.contains(o.region()))
                .toList();
    }
}
