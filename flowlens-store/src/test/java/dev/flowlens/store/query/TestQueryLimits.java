package dev.flowlens.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Limits of user queries: a query that cannot finish (a trillion-row cross join) is cancelled by
 * its timeout, whether it computes before its first row or streams rows; one that needs more than
 * a tiny memory limit stops with QUERY_OUT_OF_MEMORY naming the limit; a cancel from another thread
 * (the shutdown hook) stops it as STOPPED; sizes are checked before they reach a SET.
 */
class TestQueryLimits {
    private static final String NEVER_ENDS = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";

    @TempDir
    static Path dir;

    static Path db;

    @BeforeAll
    static void load() throws Exception {
        db = InsightsTestData.workspace(dir, 50, 1);
    }

    private static FlowlensException failure(QueryLimits limits, String sql, RowSink sink) throws Exception {
        try (SqlRunner runner = SqlRunner.open(db, limits);
                QueryControl control = new QueryControl(limits)) {
            runner.stream(sql, Long.MAX_VALUE, sink, control);
            throw new AssertionError("the query ended: " + sql);
        } catch (FlowlensException e) {
            return e;
        }
    }

    @Test
    void aQueryThatComputesForeverIsCancelledByItsTimeout() throws Exception {
        FlowlensException e = failure(new QueryLimits(1, null, null), NEVER_ENDS, new CollectingSink());
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
        assertThat(e.getMessage()).startsWith("query cancelled after 1 s (--timeout)");
    }

    @Test
    void aQueryThatStreamsForeverIsCancelledByItsTimeout() throws Exception {
        long[] rows = {0};
        RowSink counting = new RowSink() {
            @Override
            public void start(List<String> columns) {}

            @Override
            public void row(List<Object> values) {
                rows[0]++;
            }
        };
        FlowlensException e = failure(
                new QueryLimits(1, null, null),
                "SELECT a.range AS x, b.range AS y FROM range(1000000) a, range(1000000) b",
                counting);
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
        assertThat(e.getMessage()).contains("after 1 s (--timeout)");
        assertThat(rows[0]).isPositive();
    }

    @Test
    void aQueryOverItsMemoryLimitStopsWithAClearMessage() throws Exception {
        FlowlensException e = failure(
                new QueryLimits(0, "16MB", "1MB"),
                "SELECT count(*), sum(length(l)) FROM (SELECT i % 1000 AS k, list(i::VARCHAR || 'some padding text') AS l FROM range(5000000) t(i) GROUP BY k)",
                new CollectingSink());
        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.QUERY_OUT_OF_MEMORY);
        assertThat(e.getMessage())
                .contains("needs more memory than allowed (--memory-limit 16MB, --max-temp-size 1MB)")
                .contains("raise --memory-limit");
    }

    @Test
    void aFailureBeforeTheFirstRowKeepsDuckDbsMessageThoughTheDriverStreams() throws Exception {
        // DuckDB's JDBC driver reports such a streamed failure as "Invalid result set"; the real one is recovered
        FlowlensException e =
                failure(QueryLimits.DEFAULTS, "SELECT 'not a number'::INTEGER AS n", new CollectingSink());
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(e.getMessage())
                .startsWith("the SQL failed: Conversion Error:")
                .contains("not a number")
                .doesNotContain("Invalid result set");
    }

    @Test
    void theSameQueryRunsUnderADefaultLimit() throws Exception {
        try (SqlRunner runner = SqlRunner.open(db, QueryLimits.DEFAULTS)) {
            QueryResult r = runner.run(
                    "SELECT count(*) AS n FROM (SELECT i % 1000 AS k, list(i) AS l FROM range(500000) t(i) GROUP BY k)",
                    10);
            assertThat(r.rows()).containsExactly(List.of(1000L));
        }
    }

    @Test
    void aCancelFromAnotherThreadStopsAnInsightsQuery() throws Exception {
        try (Workspace ws = Workspace.openForQueries(db);
                QueryControl control = QueryControl.untimed()) {
            QueryLimits.NONE.lockDown(ws.connection());
            RowSink cancelling = new RowSink() {
                @Override
                public void start(List<String> columns) {}

                @Override
                public void row(List<Object> values) {
                    Thread t = new Thread(() -> control.cancel(QueryControl.Reason.STOPPED));
                    t.start();
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            };
            QueryRunner runner = new QueryRunner(ws.connection());
            assertThatThrownBy(() -> runner.stream(
                            QueryRunner.plan("fields srcAddr | limit 10", PlanOptions.defaults()), cancelling, control))
                    .isInstanceOfSatisfying(FlowlensException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
                        assertThat(e.getMessage())
                                .isEqualTo("query cancelled: Flowlens was stopped (Ctrl-C or SIGTERM)");
                    });
        }
    }

    @Test
    void lockedDownConnectionsKeepTheirLimits() throws Exception {
        try (Workspace ws = Workspace.openForQueries(db)) {
            new QueryLimits(0, "300MB", "2GB").lockDown(ws.connection());
            QueryResult r = new QueryRunner(ws.connection())
                    .run(new dev.flowlens.core.insights.SqlPlan(
                            "SELECT current_setting('memory_limit') AS m, current_setting('enable_external_access') AS x",
                            List.of(),
                            List.of(
                                    new dev.flowlens.core.insights.SqlPlan.OutputColumn(
                                            "m", dev.flowlens.core.insights.ValueKind.TEXT),
                                    new dev.flowlens.core.insights.SqlPlan.OutputColumn(
                                            "x", dev.flowlens.core.insights.ValueKind.TEXT))));
            assertThat(r.rows().get(0).get(0).toString()).matches("(286\\.1 MiB|300\\.0 MB)");
            assertThat(r.rows().get(0).get(1)).isEqualTo(false);
            assertThatThrownBy(() -> ws.execute("SET memory_limit = '100GB'")).hasMessageContaining("locked");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "GB",
                "2",
                "two GB",
                "2 GB'; DROP TABLE files; --",
                "-1GB",
                "0GB",
                "1.GB",
                "1..5GB",
                "2PB",
                "80%"
            })
    void badSizesAreUsageErrors(String size) {
        assertThatThrownBy(() -> new QueryLimits(0, size, null)).isInstanceOfSatisfying(FlowlensException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("--memory-limit").contains("is not a size");
        });
    }

    @Test
    void goodSizesAreNormalised() {
        assertThat(new QueryLimits(0, "512mb", " 1.5GiB ").memoryLimit()).isEqualTo("512MB");
        assertThat(new QueryLimits(0, "512mb", " 1.5GiB ").maxTempSize()).isEqualTo("1.5GiB");
        assertThatThrownBy(() -> new QueryLimits(-1, null, null))
                .isInstanceOf(FlowlensException.class)
                .hasMessageContaining("--timeout -1");
    }
}
