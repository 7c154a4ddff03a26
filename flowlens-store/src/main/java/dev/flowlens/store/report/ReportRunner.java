package dev.flowlens.store.report;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.insights.DuckDbDialect;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.ReportSql;
import dev.flowlens.store.query.CollectingSink;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.RowSink;
import dev.flowlens.store.query.Streamed;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs built-in reports after checking the workspace logged the fields they read. */
public final class ReportRunner {
    private final Connection connection;

    public ReportRunner(Connection connection) {
        this.connection = connection;
    }

    public QueryResult run(Report report, ReportOptions options) throws SQLException {
        CollectingSink rows = new CollectingSink();
        try (QueryControl control = QueryControl.untimed()) {
            stream(report, options, rows, control);
        }
        return rows.result();
    }

    /** Runs a report and hands its rows to {@code sink} as they come; {@code control} may cancel it. */
    public Streamed stream(Report report, ReportOptions options, RowSink sink, QueryControl control)
            throws SQLException {
        check(report, options);
        ReportSql sql = report.sql(options, DuckDbDialect.INSTANCE);
        try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
            new SqlFragment(sql.sql(), sql.params()).bind(ps, 1);
            control.register(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> columns = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= n; i++) {
                    columns.add(rs.getMetaData().getColumnLabel(i));
                }
                sink.start(columns);
                long count = 0;
                while (rs.next()) {
                    control.check();
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(
                                v instanceof Integer || v instanceof Short
                                        ? (Object) ((Number) v).longValue()
                                        : v instanceof java.math.BigInteger b
                                                ? (Object) b.longValue()
                                                : v instanceof java.math.BigDecimal d ? (Object) d.doubleValue() : v);
                    }
                    sink.row(row);
                    count++;
                }
                control.check();
                return new Streamed(count, false);
            }
        } catch (SQLException e) {
            throw control.failure(e, "report " + report.name() + " failed in the database", sql.sql(), sql.params());
        }
    }

    /** Refuses a report that lacks its address, or whose fields no record has. */
    private void check(Report report, ReportOptions options) throws SQLException {
        report.checkAddress(options);
        List<FlowField> missing = missing(report.needed(options));
        if (!missing.isEmpty()) {
            List<String> formats = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                            "SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1 LIMIT 5");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    formats.add(rs.getString(1).replace('\n', ' '));
                }
            }
            throw new FlowlensException(ErrorCode.MISSING_FIELDS, report.missingMessage(missing, "workspace", formats));
        }
    }

    /** Fields of {@code needed} that no record of the workspace has a value for. */
    public List<FlowField> missing(Set<FlowField> needed) throws SQLException {
        List<FlowField> out = new ArrayList<>();
        for (FlowField f : needed) {
            try (PreparedStatement ps = connection.prepareStatement(
                            "SELECT EXISTS (SELECT 1 FROM flows WHERE \"" + f.column() + "\" IS NOT NULL)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
