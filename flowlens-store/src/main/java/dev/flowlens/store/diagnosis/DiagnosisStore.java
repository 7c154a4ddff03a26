package dev.flowlens.store.diagnosis;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.EniAddresses;
import dev.flowlens.core.diagnosis.EniCoverage;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.store.Jdbc;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.FilterSql;
import dev.flowlens.store.sql.FilterSql.Address;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL behind {@code diagnose}: fetch the few candidate records between two ends (bound
 * parameters only), learn the ENIs' own addresses, and measure coverage. Pairing and verdicts are
 * done in Java over the fetched rows ({@link dev.flowlens.core.diagnosis.Diagnoser}), since they
 * are few and the logic is shared with every engine.
 */
public final class DiagnosisStore {
    /** More candidate records than this and the request is too broad to diagnose in memory. */
    public static final int MAX_CANDIDATES = DiagnosisRequest.MAX_CANDIDATES;

    private static final Address SRCADDR = Address.of("f.", FlowField.SRCADDR);
    private static final Address DSTADDR = Address.of("f.", FlowField.DSTADDR);
    private static final String ROWS = WorkspaceSchema.ROWS_VIEW;
    static final String ENI = "coalesce(f.interface_id, f.log_stream)";
    private static final String CANDIDATE_COLUMNS =
            "f.file_id, f.line, f.interface_id, f.log_stream, f.srcaddr, f.dstaddr, f.pkt_srcaddr,"
                    + " f.pkt_dstaddr, f.srcport, f.dstport, f.protocol, f.packets, f.bytes, f.start, f.\"end\", f.action, f.tcp_flags, f.flow_direction";

    private final Connection connection;

    private Address src;
    private Address dst;

    public DiagnosisStore(Connection connection) {
        this.connection = connection;
    }

    /** The ends of a record: packet-level addresses where the workspace has them. */
    private void ends() throws SQLException {
        if (src == null) {
            List<String> columns = WorkspaceSchema.recordColumns(connection);
            src = Address.packetOr("f.", FlowField.PKT_SRCADDR, FlowField.SRCADDR, columns);
            dst = Address.packetOr("f.", FlowField.PKT_DSTADDR, FlowField.DSTADDR, columns);
        }
    }

    /** OK records going either way between the request's ends, in its window. */
    public List<Flow> candidates(DiagnosisRequest r) throws SQLException {
        ends();
        List<SqlFragment> forward = new ArrayList<>();
        List<SqlFragment> backward = new ArrayList<>();
        if (r.src() != null) {
            forward.add(FilterSql.address(src, r.src()));
            backward.add(FilterSql.address(dst, r.src()));
        }
        forward.add(FilterSql.address(dst, r.dst()));
        backward.add(FilterSql.address(src, r.dst()));
        if (r.port() != null) {
            forward.add(new SqlFragment("f.dstport = ?", List.of(r.port())));
            backward.add(new SqlFragment("f.srcport = ?", List.of(r.port())));
        }
        SqlFragment fw = SqlFragment.and(forward);
        SqlFragment bw = SqlFragment.and(backward);
        List<SqlFragment> common = new ArrayList<>();
        common.add(new SqlFragment(
                "f.log_status = 'OK' AND f.action IS NOT NULL AND " + SRCADDR.present() + " AND " + DSTADDR.present()
                        + " AND f.protocol IS NOT NULL",
                List.of()));
        window(r, common);
        if (r.protocol() != null) {
            common.add(new SqlFragment("f.protocol = ?", List.of(r.protocol())));
        }
        SqlFragment from;
        if (exact(r.dst()) || r.port() != null || (r.src() != null && exact(r.src()))) {
            // each direction on its own is a conjunction of equalities DuckDB checks inside the scan
            // (an OR of the two is checked only after every column of every record has been read);
            // the reply branch skips records the request branch already took
            List<SqlFragment> replies = new ArrayList<>(common);
            replies.add(bw);
            replies.add(new SqlFragment("(" + fw.sql() + ") IS NOT TRUE", fw.params()));
            List<SqlFragment> requests = new ArrayList<>(common);
            requests.add(fw);
            SqlFragment req = SqlFragment.and(requests);
            SqlFragment rep = SqlFragment.and(replies);
            List<Object> params = new ArrayList<>(req.params());
            params.addAll(rep.params());
            from = new SqlFragment(
                    "(SELECT " + CANDIDATE_COLUMNS + " FROM " + ROWS + " f WHERE " + req.sql() + " UNION ALL SELECT "
                            + CANDIDATE_COLUMNS + " FROM " + ROWS + " f WHERE " + rep.sql() + ") f",
                    params);
        } else {
            List<Object> params = new ArrayList<>(fw.params());
            params.addAll(bw.params());
            List<SqlFragment> where = new ArrayList<>(common);
            where.add(new SqlFragment(fw.sql() + " OR " + bw.sql(), params));
            SqlFragment w = SqlFragment.and(where);
            from = new SqlFragment(
                    "(SELECT " + CANDIDATE_COLUMNS + " FROM " + ROWS + " f WHERE " + w.sql() + ") f", w.params());
        }
        String sql = "SELECT fi.path, f.line, " + ENI
                + ", f.srcaddr, f.dstaddr, f.pkt_srcaddr, f.pkt_dstaddr, f.srcport, f.dstport,"
                + " f.protocol, f.packets, f.bytes, f.start, f.\"end\", f.action, f.tcp_flags, f.flow_direction"
                + " FROM " + from.sql() + " LEFT JOIN files fi ON fi.file_id = f.file_id"
                + " ORDER BY f.start, f.file_id, f.line LIMIT " + (MAX_CANDIDATES + 1);
        List<Flow> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            from.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Flow f = flow(rs);
                    if (f != null) {
                        out.add(f);
                    }
                }
            }
        }
        r.checkCandidates(out.size());
        return out;
    }

    /** The record of a candidate row; null for one without a known action. */
    private static Flow flow(ResultSet rs) throws SQLException {
        Action action = Action.parse(rs.getString(15));
        if (action == null) {
            return null;
        }
        return new Flow(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                intOrZero(rs, 8),
                intOrZero(rs, 9),
                rs.getInt(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14),
                action,
                (Integer) rs.getObject(16),
                rs.getString(17));
    }

    /**
     * The primary address of each ENI, learned from a sample of its records: the one address that
     * every record has as source or destination.
     */
    public EniAddresses learnAddresses(Collection<String> enis) throws SQLException {
        Map<String, String> known = new HashMap<>();
        String sql = "SELECT f.srcaddr, f.dstaddr FROM " + ROWS + " f WHERE " + ENI
                + " = ? AND f.log_status = 'OK' AND " + SRCADDR.present() + " LIMIT 64";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (String eni : enis) {
                ps.setString(1, eni);
                Set<String> common = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Set<String> pair = new LinkedHashSet<>(List.of(rs.getString(1), rs.getString(2)));
                        if (common == null) {
                            common = pair;
                        } else {
                            common.retainAll(pair);
                        }
                    }
                }
                if (common != null && common.size() == 1) {
                    known.put(eni, common.iterator().next());
                }
            }
        }
        return known::get;
    }

    /** ENIs that logged either end of the request in its window (used when no candidate matched). */
    public List<String> enisLogging(DiagnosisRequest r) throws SQLException {
        List<SqlFragment> ends = new ArrayList<>();
        for (Cidr c : r.src() == null ? List.of(r.dst()) : List.of(r.src(), r.dst())) {
            ends.add(FilterSql.address(SRCADDR, c));
            ends.add(FilterSql.address(DSTADDR, c));
        }
        List<SqlFragment> where = new ArrayList<>();
        where.add(SqlFragment.or(ends));
        window(r, where);
        SqlFragment w = SqlFragment.and(where);
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT " + ENI + " AS eni FROM " + ROWS
                + " f WHERE " + w.sql() + " ORDER BY eni LIMIT 100")) {
            w.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** Per ENI: all-time ACCEPT/REJECT counts and NODATA/SKIPDATA records in the window. */
    public List<EniCoverage> coverage(DiagnosisRequest r, Collection<String> enis) throws SQLException {
        if (enis.isEmpty()) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        List<Object> params = new ArrayList<>();
        List<Object> windowParams = new ArrayList<>();
        String inWindow = "TRUE";
        if (r.from() != null) {
            inWindow += " AND f.\"end\" >= ?";
            windowParams.add(r.from());
        }
        if (r.to() != null) {
            inWindow += " AND f.start <= ?";
            windowParams.add(r.to());
        }
        params.addAll(windowParams);
        params.addAll(windowParams);
        for (String e : enis) {
            in.append(in.length() == 0 ? "?" : ", ?");
            params.add(e);
        }
        String sql =
                "SELECT " + ENI + " AS eni, min(f.start), max(f.\"end\"), count(*) FILTER (WHERE f.action = 'ACCEPT'),"
                        + " count(*) FILTER (WHERE f.action = 'REJECT'),"
                        + " count(*) FILTER (WHERE f.log_status = 'NODATA' AND " + inWindow + "),"
                        + " count(*) FILTER (WHERE f.log_status = 'SKIPDATA' AND " + inWindow + ")"
                        + " FROM flows f WHERE " + ENI + " IN (" + in + ") GROUP BY eni ORDER BY eni";
        return Jdbc.list(connection, sql, params, Jdbc.record(EniCoverage.class));
    }

    /** End of the newest record, or null for an empty workspace. */
    public Long newestRecordEnd() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT max(\"end\") FROM flows");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? (Long) rs.getObject(1) : null;
        }
    }

    private static void window(DiagnosisRequest r, List<SqlFragment> where) {
        if (r.from() != null) {
            where.add(new SqlFragment("f.\"end\" >= ?", List.of(r.from())));
        }
        if (r.to() != null) {
            where.add(new SqlFragment("f.start <= ?", List.of(r.to())));
        }
    }

    /** True when {@link FilterSql#address} compares the block as one equality. */
    private static boolean exact(Cidr block) {
        return block.isIpv4() && block.isSingleAddress();
    }

    private static int intOrZero(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? 0 : v;
    }
}
