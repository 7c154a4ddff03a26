package dev.flowlens.spark;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.insights.InsightsPlanner;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.core.insights.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Logs Insights queries over a lake's {@code flows} view: the workspace's planner in Spark's SQL
 * dialect, and the rows as {@code flowlens query} gives them (numbers, text, booleans or null;
 * {@code @timestamp}-like values as ISO instants).
 */
public final class LakeQuery {
    private final SparkSession spark;

    /** Over the {@code flows} view that {@link Lake#open} made. */
    public LakeQuery(SparkSession spark) {
        this.spark = spark;
    }

    /** The plan of a query in Spark SQL. */
    public static SqlPlan plan(String query, PlanOptions options) {
        return InsightsPlanner.plan(query, options.withDialect(SparkDialect.INSTANCE));
    }

    /** Runs a query's {@link #plan}: its column names and rows. */
    public SparkSqlCommand.Result run(SqlPlan plan) {
        List<Row> found = collect(spark.sql(plan.sql(), plan.params().toArray()));
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : found) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                values.add(value(r.get(i), plan.columns().get(i).kind()));
            }
            rows.add(values);
        }
        List<String> names =
                plan.columns().stream().map(SqlPlan.OutputColumn::name).toList();
        return new SparkSqlCommand.Result(names, rows, false);
    }

    /** The rows of a query; Spark's errors while running it (an ANSI cast of a bad value, an overflow) as QUERY_FAILED. */
    static List<Row> collect(Dataset<Row> df) {
        try {
            return df.collectAsList();
        } catch (RuntimeException e) {
            throw new FlowlensException(
                    ErrorCode.QUERY_FAILED,
                    "the query failed in Spark: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    e);
        }
    }

    /** A Spark value as the workspace's query runner gives it: text, Long, Double, Boolean or null. */
    static Object value(Object v, ValueKind kind) {
        Object plain = v;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            plain = ((Number) v).longValue();
        } else if (v instanceof Float f) {
            plain = f.doubleValue();
        } else if (v instanceof BigDecimal d) {
            plain = d.scale() <= 0 && d.precision() < 19 ? (Object) d.longValueExact() : (Object) d.doubleValue();
        } else if (v != null
                && !(v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double)) {
            plain = v.toString();
        }
        if (kind == ValueKind.TIMESTAMP && plain instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue()).toString();
        }
        return plain;
    }
}
