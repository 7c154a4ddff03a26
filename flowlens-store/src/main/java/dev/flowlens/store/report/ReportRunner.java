package dev.flowlens.store.report;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
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
import java.util.LinkedHashSet;
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
        SqlFragment sql = report.sql(options);
        try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
            sql.bind(ps, 1);
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
        if (report.needsAddress()
                && (options.address() == null || options.address().isBlank())) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "report " + report.name() + " needs an address: add --address 10.0.1.5");
        }
        Set<FlowField> needed = new LinkedHashSet<>(report.requires());
        if (report.name().equals("nat-gateway-top-talkers") && options.eni() == null) {
            needed.add(FlowField.INTERFACE_TYPE);
        }
        List<FlowField> missing = missing(needed);
        if (!missing.isEmpty()) {
            throw new FlowlensException(ErrorCode.MISSING_FIELDS, missingMessage(report, missing));
        }
    }

    private String missingMessage(Report report, List<FlowField> missing) throws SQLException {
        List<String> names = new ArrayList<>();
        missing.forEach(f -> names.add(f.awsName()));
        StringBuilder b = new StringBuilder("report ")
                .append(report.name())
                .append(" needs the field")
                .append(names.size() > 1 ? "s " : " ")
                .append(String.join(", ", names))
                .append(", which no record in the workspace has");
        List<String> formats = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1 LIMIT 5");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                formats.add(rs.getString(1).replace('\n', ' '));
            }
        }
        if (!formats.isEmpty()) {
            b.append(" (the files were logged with: ")
                    .append(String.join(" | ", formats))
                    .append(')');
        }
        b.append(". Add ");
        List<String> vars = new ArrayList<>();
        missing.forEach(f -> vars.add("${" + f.awsName() + "}"));
        b.append(String.join(" ", vars)).append(" to the flow log's custom format to use this report");
        if (report.name().equals("nat-gateway-top-talkers")) {
            b.append(", or name the NAT gateway's network interface with --eni");
        }
        return b.append('.').toString();
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
