package dev.flowlens.store.query;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.insights.InsightsPlanner;
import dev.flowlens.core.insights.PlanOptions;
import dev.flowlens.core.insights.SqlPlan;
import dev.flowlens.core.insights.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link SqlPlan}s (Logs Insights queries compiled by the planner) on a workspace connection. */
public final class QueryRunner {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Connection connection;

    public QueryRunner(Connection connection) {
        this.connection = connection;
    }

    /** Parses, plans and runs a Logs Insights query. */
    public QueryResult insights(String query, PlanOptions options) {
        return run(plan(query, options));
    }

    /** Parses and plans a Logs Insights query for a workspace (what {@link #insights} runs). */
    public static SqlPlan plan(String query, PlanOptions options) {
        return InsightsPlanner.plan(query, options.withStorage(dev.flowlens.store.WorkspaceSchema.insightsStorage()));
    }

    public QueryResult run(SqlPlan plan) {
        try (PreparedStatement ps = connection.prepareStatement(plan.sql())) {
            for (int i = 0; i < plan.params().size(); i++) {
                ps.setObject(i + 1, plan.params().get(i));
            }
            List<String> names = new ArrayList<>();
            for (SqlPlan.OutputColumn c : plan.columns()) {
                names.add(c.name());
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = plan.columns().size();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Object v = plain(rs.getObject(i + 1));
                        if (v instanceof Number num && plan.columns().get(i).kind() == ValueKind.TIMESTAMP) {
                            v = ISO.format(Instant.ofEpochSecond(num.longValue()));
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
            }
            return new QueryResult(names, rows);
        } catch (SQLException e) {
            throw new FlowlensException(ErrorCode.QUERY_FAILED, "the query failed in the database: " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads a whole result set into plain values. */
    static QueryResult read(ResultSet rs) throws SQLException {
        return read(rs, Integer.MAX_VALUE);
    }

    /** Reads at most {@code maxRows} rows of a result set into plain values. */
    static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(plain(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(names, rows);
    }

    /** Database values as String, Long, Double, Boolean or null. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.scale() <= 0 && d.precision() < 19 ? (Object) d.longValueExact() : (Object) d.doubleValue();
        }
        return v.toString();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
