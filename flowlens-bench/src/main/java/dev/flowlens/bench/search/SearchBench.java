package dev.flowlens.bench.search;

import dev.flowlens.bench.FlowsColumns;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The search benchmark (issue 3). {@code create DB ROWS}: fills a workspace with ROWS default-format
 * records by SQL (time-ordered over 7 days, 2000 interfaces, 1M records per file). {@code measure DB
 * ROWS}: warm timings, in one run, of flowlens search and of the same query hand-written in DuckDB
 * SQL: an ENI plus one-hour window, and a whole-workspace exact IP (as {@code --ip} and as the
 * pattern {@code " ADDR "}). Each query is first checked to return the same rows both ways.
 */
public final class SearchBench {
    static final long T0 = 1_764_000_000L;
    static final long SPAN = 7 * 86_400L;
    static final int ENIS = 2000;
    static final int PER_FILE = 1_000_000;
    static final String V2_HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        long rows = Long.parseLong(args[2]);
        if (args[0].equals("create")) {
            create(db, rows);
        } else if (args[0].equals("sql-once")) {
            // the cold baseline: a JVM that opens the workspace and runs the hand-written ENI query once
            long t = System.nanoTime();
            try (Workspace ws = Workspace.openReadOnly(db)) {
                long from = T0 + SPAN / 2;
                int n = count(
                        ws.connection(),
                        "SELECT * FROM flows WHERE interface_id = ? AND \"end\" >= ? AND \"start\" <= ? ORDER BY \"start\" LIMIT 1000",
                        eni(42),
                        from,
                        from + 3600);
                System.out.printf("rows=%d in-jvm=%.1f ms%n", n, (System.nanoTime() - t) / 1e6);
            }
        } else {
            measure(db, rows);
        }
    }

    static String eni(long k) {
        return String.format("eni-%017x", k);
    }

    static void create(Path db, long rows) throws Exception {
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        long t = System.nanoTime();
        try (Workspace ws = Workspace.open(db);
                Statement st = ws.connection().createStatement()) {
            st.execute("SET preserve_insertion_order = true");
            String select = "SELECT"
                    + " CAST(i // " + PER_FILE + " + 1 AS INTEGER), i % " + PER_FILE + " + 2, 2, '123456789012',"
                    + " 'eni-' || lpad(lower(to_hex((i * 7919) % " + ENIS + ")), 17, '0'),"
                    + " '10.' || ((i // 7) % 256) || '.' || ((i * 13) % 256) || '.' || ((i * 31) % 250 + 1),"
                    + " '172.31.' || ((i * 17) % 256) || '.' || ((i * 3) % 250 + 1),"
                    + " CAST(1024 + (i * 37) % 60000 AS INTEGER), CAST([22, 443, 80, 3389, 5432][1 + i % 5] AS INTEGER),"
                    + " CAST(CASE WHEN i % 10 = 0 THEN 17 ELSE 6 END AS INTEGER), 1 + i % 40, 40 + (i * 11) % 9000,"
                    + " " + T0 + " + i * " + SPAN + " // " + rows + ", " + T0 + " + i * " + SPAN + " // " + rows
                    + " + 60,"
                    + " CASE WHEN i % 9 = 0 THEN 'REJECT' ELSE 'ACCEPT' END, 'OK' FROM range(" + rows + ") r(i)";
            st.execute(WorkspaceSchema.insertAsFlows(FlowsColumns.defaultFormat(), select));
            long files = (rows + PER_FILE - 1) / PER_FILE;
            try (PreparedStatement ps = ws.connection()
                    .prepareStatement("INSERT INTO files (file_id, sha256, path, size, mtime, kind, formats, records, "
                            + "bad_lines, status) SELECT CAST(f AS INTEGER), 'bench-' || f, '/bench/file-' || f || '.log.gz', 0, 0, 'S3', ?, ?, 0, 'LOADED' "
                            + "FROM range(1, ?) r(f)")) {
                ps.setString(1, V2_HEADER);
                ps.setLong(2, PER_FILE);
                ps.setLong(3, files + 1);
                ps.executeUpdate();
            }
            st.execute("CHECKPOINT");
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(srcaddr) FROM flows")) {
                rs.next();
                if (rs.getLong(1) != rows || rs.getLong(2) != rows) {
                    throw new IllegalStateException("flows shows " + rs.getLong(1) + " rows, " + rs.getLong(2)
                            + " addresses; expected " + rows);
                }
            }
        }
        System.out.printf(
                "created %d rows in %s in %.1f s, %.2f GB%n",
                rows, db, (System.nanoTime() - t) / 1e9, Files.size(db) / 1e9);
    }

    static void measure(Path db, long rows) throws Exception {
        long from = T0 + SPAN / 2;
        long to = from + 3600;
        String eni = eni(42);
        long i = rows / 2 + 12_345;
        String ip = "10." + (i / 7) % 256 + "." + (i * 13) % 256 + "." + ((i * 31) % 250 + 1);
        try (Workspace ws = Workspace.openReadOnly(db)) {
            Connection c = ws.connection();
            FlowSearch search = new FlowSearch(c);
            FlowFilter eniWindow =
                    FlowFilter.builder().enis(List.of(eni)).from(from).to(to).build();
            FlowFilter exactIp = FlowFilter.builder().ip(Cidr.parse(ip)).build();
            FilterPattern ipPattern = FilterPatternParser.parse("\" " + ip + " \"");
            String eniSql =
                    "SELECT * FROM flows WHERE interface_id = ? AND \"end\" >= ? AND \"start\" <= ? ORDER BY \"start\" LIMIT 1000";
            // the baseline a DuckDB user would write: the stored IPv4 numbers (the text view would be slower)
            String ipSql =
                    "SELECT * FROM flow_rows WHERE srcaddr_v4 = ? OR dstaddr_v4 = ? ORDER BY \"start\" LIMIT 1000";
            long ipNumber = dev.flowlens.core.net.Ipv4.parse(ip);

            Callable<Integer> flowEni = () -> search.search(new SearchRequest(eniWindow, null, 1000))
                    .rows()
                    .size();
            Callable<Integer> sqlEni = () -> count(c, eniSql, eni, from, to);
            Callable<Integer> flowIp = () ->
                    search.search(new SearchRequest(exactIp, null, 1000)).rows().size();
            Callable<Integer> flowIpPattern = () -> search.search(new SearchRequest(FlowFilter.ANY, ipPattern, 1000))
                    .rows()
                    .size();
            Callable<Integer> sqlIp = () -> count(c, ipSql, ipNumber, ipNumber);

            System.out.printf("workspace: %s, %d rows%n", db, rows);
            report("ENI + 1h window", flowEni, sqlEni, 5, 20);
            report("exact IP --ip", flowIp, sqlIp, 2, 7);
            report("exact IP pattern \" ADDR \"", flowIpPattern, sqlIp, 2, 7);
        }
    }

    private static int count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private static void report(
            String name, Callable<Integer> flowlens, Callable<Integer> baseline, int warmup, int runs)
            throws Exception {
        int a = flowlens.call();
        int b = baseline.call();
        if (a != b || a == 0) {
            throw new IllegalStateException(name + ": flowlens found " + a + " rows, DuckDB SQL " + b);
        }
        for (int i = 0; i < warmup; i++) {
            flowlens.call();
            baseline.call();
        }
        List<Double> f = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            f.add(time(flowlens));
            s.add(time(baseline));
        }
        double fm = median(f);
        double sm = median(s);
        System.out.printf(
                "%-28s rows=%4d  flowlens median %8.1f ms  DuckDB SQL median %8.1f ms  ratio %.2f  (%d runs each, interleaved)%n",
                name, a, fm, sm, fm / sm, runs);
    }

    private static double time(Callable<Integer> c) throws Exception {
        long t = System.nanoTime();
        c.call();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(v.size() / 2);
    }
}
