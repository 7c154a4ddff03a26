package dev.flowlens.store.diagnosis;

import dev.flowlens.core.conversation.ConversationKey;
import dev.flowlens.core.conversation.Endpoint;
import dev.flowlens.core.diagnosis.ConversationRanking;
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
import java.util.List;

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
    static final String KEY_HASH =
            "hash(protocol, least(hash(s4, stx, sp), hash(d4, dtx, dp)), greatest(hash(s4, stx, sp), hash(d4, dtx, dp)))";

    /** The canonical key itself, for when hashes collide: exact, but slower to group on. */
    static final String KEY_BY_VALUE =
            "CASE WHEN fwd THEN {'p': protocol, 'a4': s4, 'a_t': stx, 'ap': sp, 'b4': d4, 'b_t': dtx, 'bp': dp}"
                    + " ELSE {'p': protocol, 'a4': d4, 'a_t': dtx, 'ap': dp, 'b4': s4, 'b_t': stx, 'bp': sp} END";

    /**
     * Whether the source endpoint comes first in the canonical key: any total order of endpoints
     * does, as long as a request and its reply agree. IPv4 numbers first, then other addresses by
     * text hash and text, then the port.
     */
    static final String FORWARD =
            "(sk < dk OR (sk = dk AND (coalesce(stx, '') < coalesce(dtx, '') OR (coalesce(stx, '') = coalesce(dtx, '') AND sp <= dp))))";

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

    /** The {@code limit} conversations with the most bytes among the records {@code filter} selects. */
    public List<ConversationRanking.Entry> top(FlowFilter filter, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        SqlFragment where = FilterSql.where(filter);
        List<String> columns = WorkspaceSchema.recordColumns(connection);
        Address from = Address.packetOr("", FlowField.PKT_SRCADDR, FlowField.SRCADDR, columns);
        Address to = Address.packetOr("", FlowField.PKT_DSTADDR, FlowField.DSTADDR, columns);
        String keys = "SELECT " + from.v4() + " AS s4, " + from.text() + " AS stx, " + to.v4() + " AS d4, " + to.text()
                + " AS dtx,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(srcport, 0) ELSE 0 END AS sp,"
                + " CASE WHEN protocol IN (6, 17, 132) THEN coalesce(dstport, 0) ELSE 0 END AS dp,"
                + " protocol, packets, bytes, start, \"end\", action, tcp_flags, flow_direction, coalesce(interface_id, log_stream) AS eni"
                + " FROM " + WorkspaceSchema.ROWS_VIEW + " WHERE log_status = 'OK' AND action IS NOT NULL AND "
                + FilterSql.Address.of("", FlowField.SRCADDR).present()
                + " AND " + FilterSql.Address.of("", FlowField.DSTADDR).present() + " AND protocol IS NOT NULL AND ("
                + where.sql() + ")";
        String base = "SELECT *, " + FORWARD
                + " AS fwd FROM (SELECT *, coalesce(CAST(s4 AS UBIGINT), hash(stx) | 4294967296) AS sk,"
                + " coalesce(CAST(d4 AS UBIGINT), hash(dtx) | 4294967296) AS dk FROM (" + keys + "))";
        // pass 1 sums bytes per key hash (one integer to group on, no key built per record) and keeps
        // the hashes at or above the limit-th total; pass 2 builds the canonical key and details only
        // the records under those hashes. A hash below the cut only holds keys below it, so the exact
        // top keys are among the details unless colliding keys split a total (checked below).
        String sql = "WITH h AS MATERIALIZED (SELECT " + keyHash + " AS k, sum(bytes) AS total FROM (" + base
                + ") GROUP BY k),"
                + " cut AS (SELECT min(total) AS t FROM (SELECT total FROM h ORDER BY total DESC LIMIT ?)),"
                + " keep AS (SELECT k FROM h WHERE total >= (SELECT t FROM cut)),"
                + " r AS (SELECT * FROM (SELECT *, " + keyHash + " AS k FROM (" + base + ")) SEMI JOIN keep USING (k)),"
                + " c AS (SELECT protocol, CASE WHEN fwd THEN s4 ELSE d4 END AS a4, CASE WHEN fwd THEN stx ELSE dtx END AS a_t,"
                + " CASE WHEN fwd THEN sp ELSE dp END AS ap, CASE WHEN fwd THEN d4 ELSE s4 END AS b4, CASE WHEN fwd THEN dtx ELSE stx END AS b_t,"
                + " CASE WHEN fwd THEN dp ELSE sp END AS bp, fwd, action, flow_direction, start, \"end\", packets, bytes, tcp_flags, eni FROM r),"
                + " g AS (SELECT protocol, a4, a_t, ap, b4, b_t, bp, fwd, action, flow_direction, min(start) AS first, max(\"end\") AS last,"
                + " sum(packets) AS packets, sum(bytes) AS bytes, bit_or(tcp_flags) AS flags, count(*) AS records,"
                + " list(DISTINCT eni ORDER BY eni) AS enis FROM c GROUP BY protocol, a4, a_t, ap, b4, b_t, bp, fwd, action, flow_direction)"
                + " SELECT protocol, " + AddressSql.display("a4", "a_t") + " AS a, ap, "
                + AddressSql.display("b4", "b_t") + " AS b, bp, fwd, action,"
                + " flow_direction, first, last, packets, bytes, flags, records, enis,"
                + " (SELECT max(total) FROM h WHERE total < (SELECT t FROM cut)) AS below"
                + " FROM g ORDER BY a, ap, b, bp, protocol, fwd, action, flow_direction";
        ConversationRanking ranking = new ConversationRanking();
        Long below = null;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            where.bind(ps, next + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object flags = rs.getObject(13);
                    ranking.add(
                            rs.getInt(1),
                            new Endpoint(rs.getString(2), rs.getInt(3)),
                            new Endpoint(rs.getString(4), rs.getInt(5)),
                            rs.getBoolean(6),
                            eniList(rs.getArray(15)),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getLong(11),
                            rs.getLong(12),
                            flags == null ? null : ((Number) flags).intValue(),
                            rs.getLong(14));
                    Object max = rs.getObject(16);
                    below = max == null ? null : ((Number) max).longValue();
                }
            }
        }
        List<ConversationKey> ranked = ranking.ranked();
        if (below != null
                && !keyHash.equals(KEY_BY_VALUE)
                && (ranked.size() < limit || ranking.total(ranked.get(limit - 1)) <= below)) {
            // colliding keys split a total: a key under a hash below the cut may belong in the top
            return new ConversationStore(connection, KEY_BY_VALUE).top(filter, limit);
        }
        return ranking.top(limit);
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
