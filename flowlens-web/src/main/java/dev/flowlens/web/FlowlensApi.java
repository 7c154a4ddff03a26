package dev.flowlens.web;

import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import dev.flowlens.store.Catalog;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.diagnosis.ConversationStore;
import dev.flowlens.store.diagnosis.DiagnosisService;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.QueryRunner;
import dev.flowlens.store.query.SqlRunner;
import dev.flowlens.store.report.ReportRunner;
import dev.flowlens.store.search.FlowRow;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import dev.flowlens.store.search.SearchResult;
import dev.flowlens.store.sql.SqlFragment;
import dev.flowlens.web.view.ConversationView;
import dev.flowlens.web.view.GraphView;
import dev.flowlens.web.view.IsoTime;
import dev.flowlens.web.view.JsonRow;
import dev.flowlens.web.view.ReportEntry;
import dev.flowlens.web.view.SearchPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the API answers, independent of HTTP: each method reads its {@link Params}, delegates to the
 * store's services on a read-only connection and returns a value the server writes as JSON.
 */
public final class FlowlensApi implements AutoCloseable {
    static final int MAX_LIMIT = 10_000;
    static final int MAX_OFFSET = 100_000;
    static final int MAX_BUCKETS = 5_000;

    private final WorkspaceAccess access;
    private final Path defaultConfig;
    private final Clock clock;
    private final AwsClientConfig s3;
    private final OverviewSums sums;
    /** The sums' build running in the background, if any. */
    private CompletableFuture<Void> build;

    private ExecutorService builder;

    public FlowlensApi(WorkspaceAccess access, Path defaultConfig, Clock clock) {
        this(access, defaultConfig, clock, AwsClientConfig.defaults());
    }

    /** With how the Load page reaches S3 ({@code serve --profile}, {@code --endpoint-url}, ...). */
    public FlowlensApi(WorkspaceAccess access, Path defaultConfig, Clock clock, AwsClientConfig s3) {
        this(access, defaultConfig, clock, s3, true);
    }

    /**
     * With {@code keepSums} false, the overview reads the records for every request, as before the
     * server kept its sums ({@link OverviewSums}): for the benchmark's comparison.
     */
    FlowlensApi(WorkspaceAccess access, Path defaultConfig, Clock clock, AwsClientConfig s3, boolean keepSums) {
        this.access = access;
        this.defaultConfig = defaultConfig;
        this.clock = clock;
        this.s3 = s3;
        this.sums = keepSums ? new OverviewSums(access.file()) : null;
        if (sums != null) {
            // the sums read the file while the server holds it open, and let it go with it
            access.onClose(sums::detach);
        }
    }

    /** Frees the overview's sums kept in memory ({@link OverviewSums}). */
    @Override
    public void close() {
        awaitOverviewSums();
        if (sums != null) {
            sums.close();
        }
        synchronized (this) {
            if (builder != null) {
                builder.shutdown();
            }
        }
    }

    /** How the Load page reaches S3. */
    public AwsClientConfig s3Client() {
        return s3;
    }

    public WorkspaceAccess access() {
        return access;
    }

    Params params(Map<String, List<String>> query, String... allowed) {
        return new Params(query, Set.of(allowed), clock);
    }

    /** {@code /api/info}: what {@code flowlens info --output json} prints. */
    public Catalog.InfoDocument info() throws SQLException {
        return Catalog.InfoDocument.of(access.file().toString(), access.read(c -> new Catalog(c).info()));
    }

    /** {@code /api/overview/{part}}: one aggregate of the overview page. */
    public QueryResult overview(String partName, Map<String, List<String>> query) throws SQLException {
        Overview.Part part = Overview.Part.of(partName);
        if (part == null) {
            List<String> names = new ArrayList<>();
            for (Overview.Part p : Overview.Part.values()) {
                names.add(p.path());
            }
            throw new BadParameter(
                    "part", "no overview part '" + partName + "': use one of " + String.join(", ", names));
        }
        Params p = params(query, "from", "to", "bin", "limit");
        long[] w = p.window();
        int bin = p.integer("bin", 300, 1, 31 * 86400);
        int limit = p.integer("limit", 10, 1, 1000);
        return access.read(c -> {
            QueryResult fromSums =
                    OverviewSums.answers(part) && sumsReady() ? sums.part(part, w[0], w[1], limit) : null;
            return fromSums != null ? fromSums : Overview.run(c, part, w[0], w[1], bin, limit);
        });
    }

    /**
     * {@code /api/overview/tops}: the overview's address top lists ({@code talkers}, {@code pairs},
     * {@code rejected-sources}, {@code rejected-destinations}) in one request and one reading of the
     * records ({@link OverviewTops}); each exactly as its own part answers.
     */
    public Map<String, QueryResult> overviewTops(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "from", "to", "limit");
        long[] w = p.window();
        int limit = p.integer("limit", 10, 1, 1000);
        Map<Overview.Part, QueryResult> tops =
                access.read(c -> sumsReady() ? sums.tops(w[0], w[1], limit) : OverviewTops.run(c, w[0], w[1], limit));
        Map<String, QueryResult> out = new LinkedHashMap<>();
        tops.forEach((part, r) -> out.put(part.path(), r));
        return out;
    }

    /**
     * Whether the overview's sums answer now; when they must be built or extended first, that starts
     * in the background (the server holding the file meanwhile) and the records answer until it is
     * done, so the first page after a start or an ingest is no slower than without the sums. Call
     * while a request holds the file.
     */
    private boolean sumsReady() throws SQLException {
        if (sums == null || building()) {
            return false;
        }
        if (sums.current()) {
            return true;
        }
        startBuild();
        return false;
    }

    private synchronized boolean building() {
        return build != null && !build.isDone();
    }

    private synchronized void startBuild() {
        if (building()) {
            return;
        }
        if (builder == null) {
            builder = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "flowlens-overview-sums");
                t.setDaemon(true);
                return t;
            });
        }
        build = CompletableFuture.runAsync(
                () -> {
                    try {
                        access.read(c -> {
                            sums.refresh();
                            return null;
                        });
                    } catch (SQLException e) {
                        // the records answer meanwhile; the next request tries again
                        throw new IllegalStateException(e);
                    }
                },
                builder);
    }

    /** Waits for the overview's sums being built in the background, if any (benchmarks, tests, close). */
    public void awaitOverviewSums() {
        CompletableFuture<Void> running;
        synchronized (this) {
            running = build;
        }
        if (running != null) {
            try {
                running.join();
            } catch (RuntimeException e) {
                // a failed build: the records answer, and the next request builds again
            }
        }
    }

    /** {@code /api/streams}: one row per log stream, with the CLI's column names. */
    public List<Map<String, Object>> streams(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "prefix", "limit");
        String prefix = p.text("prefix");
        int limit = p.integer("limit", 1000, 1, MAX_LIMIT);
        List<Catalog.Stream> found = access.read(c -> new Catalog(c).streams(prefix, limit));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Catalog.Stream s : found) {
            out.add(JsonRow.of(Catalog.Stream.COLUMNS, s.values()));
        }
        return out;
    }

    private static String[] with(Set<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /**
     * {@code /api/search}: the records matching the filters and the pattern {@code q}, a page of
     * {@code limit} after {@code offset}; {@code more} says whether more matched.
     */
    public SearchPage search(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, with(Params.FILTER, "q", "limit", "offset"));
        FlowFilter filter = p.filter();
        var pattern = p.pattern();
        int limit = p.integer("limit", 100, 1, MAX_LIMIT);
        int offset = p.integer("offset", 0, 0, MAX_OFFSET);
        SearchResult r = access.read(c -> new FlowSearch(c).search(new SearchRequest(filter, pattern, offset + limit)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = offset; i < r.rows().size(); i++) {
            rows.add(row(r.rows().get(i)));
        }
        return new SearchPage(offset, limit, r.more(), rows);
    }

    /** A found record: its fields by AWS name in its format's order, then time, message, file and line. */
    static Map<String, Object> row(FlowRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FormatField f : r.format().fields()) {
            if (f.field() != null) {
                m.put(f.field().awsName(), r.value(f.field()));
            }
        }
        Long start = r.longValue(FlowField.START);
        m.put("time", IsoTime.iso(start));
        m.put("message", r.message());
        m.put("file", r.path());
        m.put("line", r.line());
        return m;
    }

    /** {@code /api/search/histogram}: matching records per time bucket and action. */
    public QueryResult histogram(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, with(Params.FILTER, "q", "bin"));
        FlowFilter filter = p.filter();
        var pattern = p.pattern();
        int bin = p.integer("bin", 300, 1, 31 * 86400);
        return access.read(c -> {
            SqlFragment where = new FlowSearch(c).where(new SearchRequest(filter, pattern, 1));
            String sql = "SELECT \"start\" - \"start\" % ? AS t, action, count(*) AS records FROM "
                    + WorkspaceSchema.ROWS_VIEW + " WHERE " + where.sql()
                    + " AND \"start\" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2 LIMIT " + (MAX_BUCKETS * 3);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, bin);
                where.bind(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    return QueryRunner.read(rs);
                }
            }
        });
    }

    /** {@code /api/query}: a Logs Insights query. */
    public QueryResult query(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "q", "from", "to");
        String q = p.required("q");
        long[] w = p.window();
        PlanOptions options = new PlanOptions(
                w[0] == Long.MIN_VALUE ? null : w[0],
                w[1] == Long.MAX_VALUE ? null : w[1],
                PlanOptions.INSIGHTS_DEFAULT_LIMIT);
        QueryRunner.plan(q, options); // a bad query is a usage error before the workspace is opened
        return access.read(c -> new QueryRunner(c).insights(q, options));
    }

    /** {@code /api/sql}: one read-only statement on a locked-down connection of its own. */
    public QueryResult sql(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "q", "limit");
        String q = p.required("q");
        int limit = p.integer("limit", 1000, 1, MAX_LIMIT);
        // SqlRunner opens its own connection, without file or network access, when no other request holds the file
        return access.alone(() -> {
            try (SqlRunner runner = SqlRunner.open(access.file())) {
                return runner.run(q, limit);
            }
        });
    }

    /** {@code /api/conversations}: the busiest conversations with their verdicts. */
    public List<Map<String, Object>> conversations(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, with(Params.FILTER, "limit"));
        FlowFilter filter = p.filter();
        int limit = p.integer("limit", 100, 1, MAX_LIMIT);
        List<ConversationRanking.Entry> found = access.read(c -> new ConversationStore(c).top(filter, limit));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConversationRanking.Entry r : found) {
            out.add(ConversationView.of(r.attempt(), r.enis()));
        }
        return out;
    }

    /** {@code /api/diagnose}: the verdict for --src/--dst/--port, as {@code flowlens diagnose --output json}. */
    public DiagnosisDocument diagnose(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "src", "dst", "port", "protocol", "from", "to", "config");
        Cidr src = p.cidr("src");
        p.required("dst");
        Cidr dst = p.cidr("dst");
        Integer port = p.port("port");
        Integer protocol = p.protocol("protocol");
        long[] w = p.window();
        NetworkConfig config = config(p.text("config"));
        DiagnosisRequest request = new DiagnosisRequest(
                src, dst, port, protocol, w[0] == Long.MIN_VALUE ? null : w[0], w[1] == Long.MAX_VALUE ? null : w[1]);
        Diagnosis d = access.read(c -> new DiagnosisService(c, config, clock).diagnose(request));
        return DiagnosisDocument.of(d);
    }

    private NetworkConfig config(String dir) {
        Path folder = dir != null ? Path.of(dir) : defaultConfig;
        if (folder == null) {
            return NetworkConfig.EMPTY;
        }
        if (!Files.isDirectory(folder)) {
            throw new BadParameter("config", "parameter 'config': no folder " + folder);
        }
        return new AwsConfigReader().read(folder);
    }

    /** {@code /api/reports}: the built-in reports. */
    public List<ReportEntry> reports() {
        return Reports.ALL.stream().map(ReportEntry::of).toList();
    }

    /** {@code /api/reports/{name}}: one built-in report. */
    public QueryResult report(String name, Map<String, List<String>> query) throws SQLException {
        Report report = Reports.byName(name)
                .orElseThrow(() -> new BadParameter("name", "no report named '" + name + "' (see /api/reports)"));
        Params p = params(query, "from", "to", "address", "eni", "limit", "bin", "threshold");
        long[] w = p.window();
        Cidr address = p.cidr("address");
        ReportOptions options = new ReportOptions(
                w[0] == Long.MIN_VALUE ? null : w[0],
                w[1] == Long.MAX_VALUE ? null : w[1],
                address == null ? null : p.text("address").trim(),
                p.text("eni"),
                p.integer("limit", 50, 1, MAX_LIMIT),
                p.integer("bin", 3600, 1, 31 * 86400),
                p.integer("threshold", 10, 1, 65536));
        return access.read(c -> new ReportRunner(c).run(report, options));
    }

    /**
     * {@code /api/graph}: who talks to whom, edges weighted by bytes with their rejected records.
     * Nodes are addresses, or /24 (IPv4) and /64 (IPv6) subnets when there are more than
     * {@code max_nodes} addresses ({@code level=auto}), or always ({@code level=subnet}), or
     * interfaces ({@code level=eni}: an interface's own address becomes its id, other addresses
     * their subnet; {@code eni_addresses} names the address behind each interface node).
     */
    public GraphView graph(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "from", "to", "level", "max_nodes", "limit");
        long[] w = p.window();
        String level = p.choice("level", List.of("AUTO", "ADDRESS", "SUBNET", "ENI"));
        int maxNodes = p.integer("max_nodes", 1000, 2, 100_000);
        int limit = p.integer("limit", 2000, 1, 50_000);
        return access.read(c -> {
            GraphSql.Level chosen = level == null || "AUTO".equals(level) ? null : GraphSql.Level.valueOf(level);
            long addresses = -1;
            if (chosen == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM (SELECT srcaddr AS a FROM flows WHERE start BETWEEN ? AND ? "
                                + "UNION SELECT dstaddr FROM flows WHERE start BETWEEN ? AND ?) WHERE a IS NOT NULL")) {
                    ps.setLong(1, w[0]);
                    ps.setLong(2, w[1]);
                    ps.setLong(3, w[0]);
                    ps.setLong(4, w[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        addresses = rs.getLong(1);
                    }
                }
                chosen = addresses > maxNodes ? GraphSql.Level.SUBNET : GraphSql.Level.ADDRESS;
            }
            List<GraphView.Edge> edges = new ArrayList<>();
            SortedSet<String> nodes = new TreeSet<>();
            SortedMap<String, String> eniAddresses = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(GraphSql.edges(chosen))) {
                int i = 1;
                if (chosen == GraphSql.Level.ENI) {
                    for (int k = 0; k < 2; k++) {
                        ps.setLong(i++, w[0]);
                        ps.setLong(i++, w[1]);
                    }
                }
                ps.setLong(i++, w[0]);
                ps.setLong(i++, w[1]);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        edges.add(new GraphView.Edge(
                                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                        nodes.add(rs.getString(1));
                        nodes.add(rs.getString(2));
                        for (int k = 0; k < 2; k++) {
                            if (rs.getString(6 + k) != null) {
                                eniAddresses.put(rs.getString(1 + k), rs.getString(6 + k));
                            }
                        }
                    }
                }
            }
            return new GraphView(
                    chosen.name().toLowerCase(Locale.ROOT),
                    addresses,
                    nodes,
                    edges,
                    chosen == GraphSql.Level.ENI ? eniAddresses : null);
        });
    }

    /**
     * {@code /api/sankey}: bytes from client to service port to server, the heaviest first. The side
     * with the lower port is taken as the server, so a request and its reply count for one service.
     */
    public QueryResult sankey(Map<String, List<String>> query) throws SQLException {
        Params p = params(query, "from", "to", "limit");
        long[] w = p.window();
        int limit = p.integer("limit", 40, 1, 1000);
        return access.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT CASE WHEN fwd THEN srcaddr ELSE dstaddr END AS client, "
                            + "CASE WHEN fwd THEN dstport ELSE srcport END AS port, CASE WHEN fwd THEN dstaddr ELSE srcaddr END AS server, "
                            + "sum(bytes) AS bytes, count(*) FILTER (WHERE action = 'REJECT') AS rejected "
                            + "FROM (SELECT *, dstport <= srcport AS fwd FROM flows WHERE start BETWEEN ? AND ? AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL "
                            + "AND srcport IS NOT NULL AND dstport IS NOT NULL) GROUP BY 1, 2, 3 ORDER BY bytes DESC NULLS LAST, 1, 2, 3 LIMIT ?")) {
                ps.setLong(1, w[0]);
                ps.setLong(2, w[1]);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return QueryRunner.read(rs);
                }
            }
        });
    }

    /** Convenience for the report writer: a connection's query result. */
    static QueryResult run(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return QueryRunner.read(rs);
            }
        }
    }
}
