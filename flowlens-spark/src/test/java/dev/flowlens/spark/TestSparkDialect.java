package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.insights.DuckDbDialect;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.insights.SqlDialect.Construct;
import dev.flowlens.core.insights.SqlPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The Insights planner in Spark's dialect, without running Spark (the queries' results are the engine-neutral cases). */
class TestSparkDialect {
    @Test
    void aDedupIsARowNumberInASubqueryAndEveryOrderPutsAbsentValuesLast() {
        SqlPlan plan = LakeQuery.plan("sort bytes desc | dedup srcAddr | limit 10", PlanOptions.defaults());
        assertThat(plan.sql())
                .doesNotContain("QUALIFY")
                .contains("row_number() OVER (PARTITION BY \"srcaddr\" ORDER BY \"bytes\" DESC NULLS LAST)")
                .contains(" = 1")
                .endsWith("DESC NULLS LAST LIMIT 10");
        SqlPlan duck = dev.flowlens.core.insights.InsightsPlanner.plan(
                "sort bytes desc | dedup srcAddr | limit 10", PlanOptions.defaults());
        assertThat(duck.sql()).contains("QUALIFY").doesNotContain("NULLS LAST");
    }

    @Test
    void literalsEscapeBackslashesAndQuotesAndTheDuckDbOnlyFunctionsAreReplaced() {
        assertThat(SparkDialect.INSTANCE.stringLiteral("a\\.b'c")).isEqualTo("'a\\\\.b\\'c'");
        assertThat(DuckDbDialect.INSTANCE.stringLiteral("a\\.b'c")).isEqualTo("'a\\.b''c'");
        String sql = LakeQuery.plan(
                        "stats earliest(srcAddr) as e, pct(bytes, 50) as p by bin(5m) as t | fields fromMillis(t) as m",
                        PlanOptions.defaults())
                .sql();
        assertThat(sql)
                .contains("min_by(", "percentile_disc(", " div ")
                .doesNotContain("arg_min", "quantile_disc", "//");
        assertThat(SparkDialect.INSTANCE.sql(Construct.ISO_SECONDS, "b"))
                .isEqualTo("date_format(timestamp_seconds(b), 'yyyy-MM-dd\\'T\\'HH:mm:ss\\'Z\\'')");
    }

    @Test
    void showSqlPrintsTheSparkSqlWithoutALake() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowlensSpark.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute("query", "--lake", "no-such-lake", "--show-sql", "filter dstPort = 443 | dedup srcAddr");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("row_number() OVER").doesNotContain("QUALIFY");
        int bad = FlowlensSpark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("query", "--lake", "no-such-lake", "--show-sql", "stats nosuch(bytes)");
        assertThat(bad).isEqualTo(2);
    }
}
