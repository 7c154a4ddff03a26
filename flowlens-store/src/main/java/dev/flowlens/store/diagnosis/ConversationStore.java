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
import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.AddressSql;
import dev.flowlens.store.sql.FilterSql;
import dev.flowlens.store.sql.FilterSql.Address;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    /**
     * A 64-bit hash of the canonical key over the columns {@code protocol, s4, stx, sp, d4, dtx, dp}
     * (each address as its stored IPv4 number or text): the same for a request and its reply, cheap
     * to group on. Distinct keys may share a hash; {@link #top} checks for that and then falls back
     * to grouping on the keys themselves.
     */
    static final String KEY_HASH = "hash(protocol, least(hash(s4, stx, sp), hash(d4, dtx, dp)), greatest(hash(s4, stx, sp), hash(d4, dtx, dp)))";

    /** The canonical key itself, for when hashes collide: exact, but slower to group on. */
    static final String KEY_BY_VALUE = "CASE WHEN fwd THEN {'p': protocol, 'a4': s4, 'a_t': stx, 'ap': sp, 'b4': d4, 'b_t': dtx, 'bp': dp}"
            + " ELSE {'p': protocol, 'a4': d4, 'a_t': dtx, 'ap': dp, 'b4': s4, 'b_t': stx, 'bp': sp} END";

    /**
     * Whether the source endpoint comes first in the canonical key: any total order of endpoints
     * does, as long as a request and its reply agree. IPv4 numbers first, then other addresses by
     * text hash and text, then the port.
     */
    static final String FORWARD = "(sk < dk OR (sk = dk AND (coalesce(stx, '') < coalesce(dtx, '') OR (coalesce(stx, '') = coalesce(dtx, '') AND sp <= dp))))";


    private final Connection connection;
    private final String keyHash;

    public ConversationStore(Connection connection) {
        this(connection, KEY_HASH);
    }

    /** With another key hash (tests force collisions with a poor one). */
    ConversationStore(Connection connection, String keyHash) {
        this.connection = connection;
        this.keyHash = keyHash;
    }

    /** One conversation with the interfaces that saw it. */
    public record Row(Attempt attempt, List<String> enis, long records) {
    }

    /** The {@code limit} conversations with the most bytes among the records {@code filter} selects. */
    public List<Row> top(FlowFilter filter, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        SqlFragment where = FilterSql.where(filter);
        List<String> columns = WorkspaceSchema.recordColumns(connection);
        Address from = Address.packetOr("", FlowField.PKT_SRCADDR, FlowField.SRCADDR, columns);
        Address to = Address.packetOr("", FlowField.PKT_DSTADDR, FlowField.DSTADDR, columns);
        String keys = "SELECT " + from.v4() + " AS s4, " + from.text() + " AS stx, " + to.v4() + " AS d4, " + to.text() + " AS dtx,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(srcport, 0) ELSE 0 END AS sp,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(dstport, 0) ELSE 0 END AS dp,"
                + " protocol, packets, bytes, start, \"end\", action, tcp_flags, flow_direction, coalesce(interface_id, log_stream) AS eni"
                + " FROM " + WorkspaceSchema.ROWS_VIEW + " WHERE log_status = 'OK' AND action IS NOT NULL AND " + FilterSql.Address.of("", FlowField.SRCADDR).present()
                + " AND " + FilterSql.Address.of("", FlowField.DSTADDR).present() + " AND protocol IS NOT NULL AND (" + where.sql() + ")";
        String base = "SELECT *, " + FORWARD + " AS fwd FROM (SELECT *, coalesce(CAST(s4 AS UBIGINT), hash(stx) | 4294967296) AS sk,"
                + " coalesce(CAST(d4 AS UBIGINT), hash(dtx) | 4294967296) AS dk FROM (" + keys + "))";
        // pass 1 sums bytes per key hash (one integer to group on, no key built per record) and keeps
        // the hashes at or above the limit-th total; pass 2 builds the canonical key and details only
        // the records under those hashes. A hash below the cut only holds keys below it, so the exact
        // top keys are among the details unless colliding keys split a total (checked below).
        String sql = "WITH h AS MATERIALIZED (SELECT " + keyHash + " AS k, sum(bytes) AS total FROM (" + base + ") GROUP BY k),"
                + " cut AS (SELECT min(total) AS t FROM (SELECT total FROM h ORDER BY total DESC LIMIT ?)),"
                + " keep AS (SELECT k FROM h WHERE total >= (SELECT t FROM cut)),"
                + " r AS (SELECT * FROM (SELECT *, " + keyHash + " AS k FROM (" + base + ")) SEMI JOIN keep USING (k)),"
                + " c AS (SELECT protocol, CASE WHEN fwd THEN s4 ELSE d4 END AS a4, CASE WHEN fwd THEN stx ELSE dtx END AS a_t,"
                + " CASE WHEN fwd THEN sp ELSE dp END AS ap, CASE WHEN fwd THEN d4 ELSE s4 END AS b4, CASE WHEN fwd THEN dtx ELSE stx END AS b_t,"
                + " CASE WHEN fwd THEN dp ELSE sp END AS bp, fwd, action, flow_direction, start, \"end\", packets, bytes, tcp_flags, eni FROM r),"
                + " g AS (SELECT protocol, a4, a_t, ap, b4, b_t, bp, fwd, action, flow_direction, min(start) AS first, max(\"end\") AS last,"
                + " sum(packets) AS packets, sum(bytes) AS bytes, bit_or(tcp_flags) AS flags, count(*) AS records,"
                + " list(DISTINCT eni ORDER BY eni) AS enis FROM c GROUP BY protocol, a4, a_t, ap, b4, b_t, bp, fwd, action, flow_direction)"
                + " SELECT protocol, " + AddressSql.display("a4", "a_t") + " AS a, ap, " + AddressSql.display("b4", "b_t") + " AS b, bp, fwd, action,"
                + " flow_direction, first, last, packets, bytes, flags, records, enis,"
                + " (SELECT max(total) FROM h WHERE total < (SELECT t FROM cut)) AS below"
                + " FROM g ORDER BY a, ap, b, bp, protocol, fwd, action, flow_direction";
        Map<ConversationKey, List<Flow>> flows = new LinkedHashMap<>();
        Map<ConversationKey, TreeSet<String>> enis = new LinkedHashMap<>();
        Map<ConversationKey, Long> records = new LinkedHashMap<>();
        Map<ConversationKey, Long> totals = new HashMap<>();
        Long below = null;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            where.bind(ps, next + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int protocol = rs.getInt(1);
                    Endpoint a = new Endpoint(rs.getString(2), rs.getInt(3));
                    Endpoint b = new Endpoint(rs.getString(4), rs.getInt(5));
                    boolean fwd = rs.getBoolean(6);
                    ConversationKey key = ConversationKey.of(protocol, a, b);
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
                    totals.merge(key, rs.getLong(12), Long::sum);
                    Object max = rs.getObject(16);
                    below = max == null ? null : ((Number) max).longValue();
                }
            }
        }
        // busiest first; equal totals in key order (addresses compare as text, as in DuckDB)
        List<ConversationKey> ranked = new ArrayList<>(flows.keySet());
        ranked.sort(Comparator.<ConversationKey>comparingLong(totals::get).reversed()
                .thenComparing(k -> k.low().address()).thenComparingInt(k -> k.low().port())
                .thenComparing(k -> k.high().address()).thenComparingInt(k -> k.high().port())
                .thenComparingInt(ConversationKey::protocol));
        if (below != null && !keyHash.equals(KEY_BY_VALUE) && (ranked.size() < limit || totals.get(ranked.get(limit - 1)) <= below)) {
            // colliding keys split a total: a key under a hash below the cut may belong in the top
            return new ConversationStore(connection, KEY_BY_VALUE).top(filter, limit);
        }
        Map<ConversationKey, List<Flow>> kept = new LinkedHashMap<>();
        for (ConversationKey k : ranked.subList(0, Math.min(limit, ranked.size()))) {
            kept.put(k, flows.get(k));
        }
        flows = kept;
        // the listening port: an endpoint that many of these conversations reach
        Map<Endpoint, Integer> peers = new HashMap<>();
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
