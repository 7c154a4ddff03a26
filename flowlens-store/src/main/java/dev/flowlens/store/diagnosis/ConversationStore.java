package dev.flowlens.store.diagnosis;

import dev.flowlens.core.conversation.Action;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.conversation.RoleResolver;
import dev.flowlens.core.diagnosis.Attempt;
import dev.flowlens.core.diagnosis.EniAddresses;
import dev.flowlens.core.diagnosis.SideLocator;
import dev.flowlens.core.diagnosis.VerdictRules;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.store.sql.FilterSql;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SQL behind {@code conversations}: DuckDB groups the records under their canonical key
 * (endpoints ordered by address, then port, so a request and its reply meet) and sums each
 * direction, action and flow direction; the busiest conversations come back, and Java decides
 * client, server and verdict with the same rules as {@code diagnose}. All capture windows of one key
 * in the selected time range form one conversation.
 */
public final class ConversationStore {
    private final Connection connection;

    public ConversationStore(Connection connection) {
        this.connection = connection;
    }

    /** One conversation with the interfaces that saw it. */
    public record Row(Attempt attempt, List<String> enis, long records) {
    }

    /** The {@code limit} conversations with the most bytes among the records {@code filter} selects. */
    public List<Row> top(FlowFilter filter, int limit) throws SQLException {
        SqlFragment where = FilterSql.where(filter);
        // pass 1 ranks the keys by bytes (one narrow aggregation); pass 2 details only the top keys
        String sql = "WITH f AS MATERIALIZED (SELECT coalesce(pkt_srcaddr, srcaddr) AS s, coalesce(pkt_dstaddr, dstaddr) AS d,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(srcport, 0) ELSE 0 END AS sp,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(dstport, 0) ELSE 0 END AS dp,"
                + " protocol, packets, bytes, start, \"end\", action, tcp_flags, flow_direction, coalesce(interface_id, log_stream) AS eni"
                + " FROM flows WHERE log_status = 'OK' AND action IS NOT NULL AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL"
                + " AND protocol IS NOT NULL AND (" + where.sql() + ")),"
                + " k AS (SELECT *, (s < d OR (s = d AND sp <= dp)) AS fwd FROM f),"
                + " c AS (SELECT protocol, CASE WHEN fwd THEN s ELSE d END AS a, CASE WHEN fwd THEN sp ELSE dp END AS ap,"
                + " CASE WHEN fwd THEN d ELSE s END AS b, CASE WHEN fwd THEN dp ELSE sp END AS bp, fwd, action, flow_direction,"
                + " start, \"end\", packets, bytes, tcp_flags, eni FROM k),"
                + " top AS MATERIALIZED (SELECT protocol, a, ap, b, bp, sum(bytes) AS total FROM c GROUP BY protocol, a, ap, b, bp"
                + " ORDER BY total DESC, a, ap, b, bp LIMIT ?),"
                + " g AS (SELECT c.protocol, c.a, c.ap, c.b, c.bp, c.fwd, c.action, c.flow_direction, min(c.start) AS first,"
                + " max(c.\"end\") AS last, sum(c.packets) AS packets, sum(c.bytes) AS bytes, bit_or(c.tcp_flags) AS flags, count(*) AS records,"
                + " list(DISTINCT c.eni) AS enis FROM c SEMI JOIN top USING (protocol, a, ap, b, bp)"
                + " GROUP BY c.protocol, c.a, c.ap, c.b, c.bp, c.fwd, c.action, c.flow_direction)"
                + " SELECT g.protocol, g.a, g.ap, g.b, g.bp, g.fwd, g.action, g.flow_direction, g.first, g.last, g.packets, g.bytes,"
                + " g.flags, g.records, g.enis FROM g JOIN top USING (protocol, a, ap, b, bp)"
                + " ORDER BY top.total DESC, g.a, g.ap, g.b, g.bp, g.protocol";
        Map<ConversationKey, List<Flow>> flows = new LinkedHashMap<>();
        Map<ConversationKey, TreeSet<String>> enis = new LinkedHashMap<>();
        Map<ConversationKey, Long> records = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int protocol = rs.getInt(1);
                    Endpoint a = new Endpoint(rs.getString(2), rs.getInt(3));
                    Endpoint b = new Endpoint(rs.getString(4), rs.getInt(5));
                    boolean fwd = rs.getBoolean(6);
                    ConversationKey key = new ConversationKey(protocol, a, b);
                    Endpoint src = fwd ? a : b;
                    Endpoint dst = fwd ? b : a;
                    List<String> seen = eniList(rs.getArray(15));
                    Object flags = rs.getObject(13);
                    // one aggregate per direction, action and flow-direction stands in for its records
                    flows.computeIfAbsent(key, x -> new ArrayList<>()).add(new Flow("-", 0, seen.isEmpty() ? null : seen.get(0),
                            src.address(), dst.address(), null, null, src.port(), dst.port(), protocol, rs.getLong(11), rs.getLong(12),
                            rs.getLong(9), rs.getLong(10), Action.parse(rs.getString(7)), flags == null ? null : ((Number) flags).intValue(),
                            rs.getString(8)));
                    enis.computeIfAbsent(key, x -> new TreeSet<>()).addAll(seen);
                    records.merge(key, rs.getLong(14), Long::sum);
                }
            }
        }
        // the listening port: an endpoint that many of these conversations reach
        Map<Endpoint, Integer> peers = new java.util.HashMap<>();
        for (ConversationKey k : flows.keySet()) {
            peers.merge(k.low(), 1, Integer::sum);
            peers.merge(k.high(), 1, Integer::sum);
        }
        RoleResolver roles = new RoleResolver(endpoint -> peers.getOrDefault(endpoint, 0));
        VerdictRules verdicts = new VerdictRules(new SideLocator(EniAddresses.NONE));
        List<Row> out = new ArrayList<>();
        for (Map.Entry<ConversationKey, List<Flow>> e : flows.entrySet()) {
            RoleResolver.Roles r = roles.resolve(e.getKey(), e.getValue(), null);
            List<Flow> req = new ArrayList<>();
            List<Flow> rep = new ArrayList<>();
            for (Flow f : e.getValue()) {
                (f.sourceEndpoint().equals(r.client()) ? req : rep).add(f);
            }
            Conversation c = new Conversation(e.getKey(), r.client(), r.server(), req, rep, r.reason());
            out.add(new Row(new Attempt(c, verdicts.judge(c)), List.copyOf(enis.get(e.getKey())), records.get(e.getKey())));
        }
        return out;
    }

    private static List<String> eniList(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (Object o : (Object[]) array.getArray()) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }
}
