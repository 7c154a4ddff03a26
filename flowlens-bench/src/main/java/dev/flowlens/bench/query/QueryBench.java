package dev.flowlens.bench.query;

import dev.flowlens.bench.FlowsColumns;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.QueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Logs Insights {@code stats ... by} top-N query (parsed, planned and run through {@link QueryRunner})
 * against the equivalent hand-written DuckDB SQL, warm, on a workspace of {@code rows} records filled
 * with DuckDB SQL ({@code BENCH_DIR}, reused across runs). Setup checks both return the same rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBench {
    static final String INSIGHTS =
            "stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 15";
    static final String HAND_SQL =
            "SELECT srcaddr, dstaddr, sum(bytes) AS b FROM flows GROUP BY srcaddr, dstaddr ORDER BY b DESC LIMIT 15";
    /** The same by hand on the stored address columns (what a DuckDB user who knows the layout writes). */
    static final String HAND_SQL_STORED =
            "SELECT " + dev.flowlens.store.sql.AddressSql.display("srcaddr_v4", "srcaddr_text") + ", "
                    + dev.flowlens.store.sql.AddressSql.display("dstaddr_v4", "dstaddr_text")
                    + ", sum(bytes) AS b FROM flow_rows"
                    + " GROUP BY srcaddr_v4, srcaddr_text, dstaddr_v4, dstaddr_text ORDER BY b DESC LIMIT 15";

    @Param("10000000")
    public long rows;

    Workspace ws;
    QueryRunner runner;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path dir = Path.of(
                System.getProperty("bench.dir", System.getenv().getOrDefault("BENCH_DIR", "/tmp/flowlens-bench")));
        Files.createDirectories(dir);
        Path db = dir.resolve("query-" + rows + ".db");
        if (!Files.exists(db.resolveSibling(db.getFileName() + ".complete"))) {
            Files.deleteIfExists(db);
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
            fill(db, rows);
            Files.createFile(db.resolveSibling(db.getFileName() + ".complete"));
        }
        ws = Workspace.openReadOnly(db);
        runner = new QueryRunner(ws.connection());
        QueryResult a = insights();
        QueryResult b = handSql();
        if (!a.rows().equals(b.rows())
                || !a.rows().equals(handSqlStored().rows())
                || a.rows().size() != 15) {
            throw new IllegalStateException(
                    "the Insights query and the hand-written SQL disagree: " + a.rows() + " vs " + b.rows());
        }
    }

    /** Fills a workspace with {@code n} records: 50k sources, 2k destinations, skewed bytes. */
    static void fill(Path db, long n) throws Exception {
        try (Workspace w = Workspace.open(db);
                Statement st = w.connection().createStatement()) {
            dev.flowlens.store.WorkspaceSchema.ensureColumns(
                    w.connection(),
                    java.util.List.of(dev.flowlens.core.format.FlowField.values())
                            .subList(0, 14),
                    java.util.List.of());
            st.execute(dev.flowlens.store.WorkspaceSchema.insertAsFlows(
                    FlowsColumns.defaultFormat(),
                    "SELECT 1, i, 2, '123456789012', 'eni-' || (i % 500), "
                            + "'10.' || (h % 50) || '.' || ((h // 50) % 40) || '.' || ((h // 2000) % 25), '172.16.' || (i % 40) || '.' || ((i // 40) % 50), "
                            + "1024 + i % 60000, CASE i % 4 WHEN 0 THEN 443 WHEN 1 THEN 80 WHEN 2 THEN 22 ELSE 5432 END, 6, 1 + h % 100, "
                            + "(1 + h % 100) * (40 + (i * 7919) % 1400) + (i % 9973), 1700000000 + i // 1000, 1700000060 + i // 1000, "
                            + "CASE WHEN i % 10 = 0 THEN 'REJECT' ELSE 'ACCEPT' END, 'OK' "
                            + "FROM (SELECT range AS i, hash(range) % 50000 AS h FROM range(" + n + "))"));
            st.execute("CHECKPOINT");
        }
    }

    @Benchmark
    public QueryResult insights() {
        return runner.insights(INSIGHTS, PlanOptions.defaults());
    }

    @Benchmark
    public QueryResult handSql() throws Exception {
        return sql(HAND_SQL);
    }

    @Benchmark
    public QueryResult handSqlStored() throws Exception {
        return sql(HAND_SQL_STORED);
    }

    private QueryResult sql(String query) throws Exception {
        Connection c = ws.connection();
        try (PreparedStatement ps = c.prepareStatement(query);
                ResultSet rs = ps.executeQuery()) {
            java.util.List<java.util.List<Object>> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(java.util.List.of(rs.getString(1), rs.getString(2), ((Number) rs.getObject(3)).longValue()));
            }
            return new QueryResult(java.util.List.of("srcaddr", "dstaddr", "b"), out);
        }
    }

    /** The SQL the planner writes for the benchmark query, for the report. */
    public static void main(String[] args) {
        SqlPlan p = QueryRunner.plan(INSIGHTS, PlanOptions.defaults());
        System.out.println(p.describe());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ws.close();
    }
}
