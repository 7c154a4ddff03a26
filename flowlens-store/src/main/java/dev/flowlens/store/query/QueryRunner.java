package dev.flowlens.store.query;

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
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

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
        CollectingSink rows = new CollectingSink();
        try (QueryControl control = QueryControl.untimed()) {
            stream(plan, rows, control);
        }
        return rows.result();
    }

    /** Runs a plan and hands its rows to {@code sink} as they come; {@code control} may cancel it. */
    public Streamed stream(SqlPlan plan, RowSink sink, QueryControl control) {
        try (PreparedStatement ps = connection.prepareStatement(plan.sql())) {
            for (int i = 0; i < plan.params().size(); i++) {
                ps.setObject(i + 1, plan.params().get(i));
            }
            boolean[] timestamp = new boolean[plan.columns().size()];
            for (int i = 0; i < timestamp.length; i++) {
                timestamp[i] = plan.columns().get(i).kind() == ValueKind.TIMESTAMP;
            }
            control.register(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return stream(
                        rs,
                        Long.MAX_VALUE,
                        sink,
                        control,
                        plan.columns().stream().map(SqlPlan.OutputColumn::name).toList(),
                        timestamp);
            }
        } catch (SQLException e) {
            throw control.failure(e, "the query failed in the database", plan.sql(), plan.params());
        }
    }

    /** Reads a whole result set into plain values ({@link #plain}), the columns named by their labels. */
    public static QueryResult read(ResultSet rs) throws SQLException {
        CollectingSink rows = new CollectingSink();
        stream(rs, Long.MAX_VALUE, rows, QueryControl.untimed(), null);
        return rows.result();
    }

    /** Hands at most {@code maxRows} rows of a result set to a sink, as plain values; the column names are the result's. */
    static Streamed stream(ResultSet rs, long maxRows, RowSink sink, QueryControl control, boolean[] timestamp)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
        }
        return stream(rs, maxRows, sink, control, names, timestamp);
    }

    private static Streamed stream(
            ResultSet rs, long maxRows, RowSink sink, QueryControl control, List<String> names, boolean[] timestamp)
            throws SQLException {
        int n = names.size();
        sink.start(names);
        long count = 0;
        while (rs.next()) {
            control.check();
            if (count == maxRows) {
                return new Streamed(count, true);
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object v = plain(rs.getObject(i + 1));
                if (timestamp != null && timestamp[i] && v instanceof Number num) {
                    v = ISO.format(Instant.ofEpochSecond(num.longValue()));
                }
                row.add(v);
            }
            sink.row(row);
            count++;
        }
        control.check();
        return new Streamed(count, false);
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
