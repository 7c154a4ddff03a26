package dev.flowlens.web;

import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.QueryRunner;
import dev.flowlens.store.sql.AddressSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's four address top lists (talkers, pairs, rejected sources and destinations) in one
 * statement: the records are grouped once by source and destination, which is the pairs' list, and
 * those sums are grouped once by source (talkers, rejected sources) and by destination. Each answer is exactly {@link Overview#run} of its part (the same rows in the same
 * order); the page asks for them in one request ({@code /api/overview/tops}) instead of four, which
 * read the records four times.
 */
final class OverviewTops {
    /** The parts answered, in the statement's list order. */
    static final List<Overview.Part> PARTS = List.of(
            Overview.Part.TALKERS,
            Overview.Part.PAIRS,
            Overview.Part.REJECTED_SOURCES,
            Overview.Part.REJECTED_DESTINATIONS);

    private static final String SRC = "srcaddr_v4, srcaddr_text";
    private static final String DST = "dstaddr_v4, dstaddr_text";
    private static final String SRC_PRESENT = "(srcaddr_v4 IS NOT NULL OR srcaddr_text IS NOT NULL)";
    private static final String DST_PRESENT = "(dstaddr_v4 IS NOT NULL OR dstaddr_text IS NOT NULL)";

    private OverviewTops() {}

    /**
     * One list: {@code list}, both addresses' stored columns (NULL when the list has no such side),
     * then {@code rank} (what it is ordered by), {@code bytes}, {@code packets}, {@code records}, from
     * {@code from} (rows of unique keys: grouped already).
     */
    private static String list(int list, String keys, String from, String rank, String sums) {
        String src = keys.contains("srcaddr") ? SRC : "NULL, NULL";
        String dst = keys.contains("dstaddr") ? DST : "NULL, NULL";
        return "(SELECT " + list + ", " + src + ", " + dst + ", " + rank + ", " + sums + " FROM " + from + " ORDER BY "
                + rank + " DESC, " + keys + " LIMIT ?)";
    }

    static String sql() {
        return sql("SELECT " + SRC + ", " + DST + ", sum(bytes) AS bytes, sum(packets) AS packets, "
                + "count(*) AS records, count(*) FILTER (WHERE action = 'REJECT') AS rejected, "
                + "sum(packets) FILTER (WHERE action = 'REJECT') AS rejected_packets FROM " + WorkspaceSchema.ROWS_VIEW
                + " WHERE start BETWEEN ? AND ? AND (" + SRC_PRESENT + " OR " + DST_PRESENT + ") GROUP BY ALL");
    }

    /**
     * The four lists from {@code pairs}, a statement with one row per source and destination (their
     * stored columns, as in {@code flow_records}) and its {@code bytes}, {@code packets},
     * {@code records}, {@code rejected} (records) and {@code rejected_packets}; its parameters come
     * first, then the four limits.
     */
    static String sql(String pairs) {
        return sql(
                pairs,
                "SELECT " + SRC + ", sum(bytes) AS bytes, sum(packets) AS packets, sum(records) AS records, "
                        + "sum(rejected) AS rejected, sum(rejected_packets) AS rejected_packets FROM p WHERE "
                        + SRC_PRESENT
                        + " GROUP BY 1, 2");
    }

    /**
     * The same with {@code sources}, the same sums per source ({@code p} names the pairs): the pairs
     * are the pairs' list already, the sources give the talkers and the rejected sources, and the
     * pairs with rejected records, summed per destination, the rejected destinations.
     */
    static String sql(String pairs, String sources) {
        String talkers = list(0, SRC, "s", "bytes", "bytes, packets, records");
        String pairList = list(
                1, SRC + ", " + DST, "p WHERE " + SRC_PRESENT + " AND " + DST_PRESENT, "bytes", "bytes, NULL, records");
        // a rejected list holds the addresses with rejected records, as the parts' WHERE action = 'REJECT' does
        String rejectedSources = list(2, SRC, "s WHERE rejected > 0", "rejected", "NULL, rejected_packets, rejected");
        String rejectedDestinations = list(
                3,
                DST,
                "(SELECT " + DST
                        + ", sum(rejected) AS rejected, sum(rejected_packets) AS rejected_packets FROM p WHERE "
                        + DST_PRESENT + " AND rejected > 0 GROUP BY 1, 2)",
                "rejected",
                "NULL, rejected_packets, rejected");
        return "WITH p AS MATERIALIZED (" + pairs + "), s AS MATERIALIZED (" + sources + ") "
                + "SELECT l, " + AddressSql.display("s4", "st") + ", " + AddressSql.display("d4", "dt")
                + ", b, pk, r FROM (" + talkers + " UNION ALL " + pairList + " UNION ALL " + rejectedSources
                + " UNION ALL " + rejectedDestinations + ") t(l, s4, st, d4, dt, k, b, pk, r) "
                + "ORDER BY l, k DESC, s4, st, d4, dt";
    }

    /** The four lists over the records starting in [from, to], each as its part answers. */
    static Map<Overview.Part, QueryResult> run(Connection c, long from, long to, int limit) throws SQLException {
        return run(c, sql(), List.of(from, to), limit);
    }

    /** The four lists of {@link #sql(String)} with the parameters of its pairs' statement. */
    static Map<Overview.Part, QueryResult> run(Connection c, String sql, List<Long> params, int limit)
            throws SQLException {
        QueryResult all;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (long v : params) {
                ps.setLong(i++, v);
            }
            for (int k = 0; k < PARTS.size(); k++) {
                ps.setInt(i++, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                all = QueryRunner.read(rs);
            }
        }
        Map<Overview.Part, QueryResult> out = new LinkedHashMap<>();
        // the columns of each part, as positions in the combined row: srcaddr 1, dstaddr 2, bytes 3, packets 4,
        // records 5
        int[][] picks = {{1, 3, 4, 5}, {1, 2, 3, 5}, {1, 5, 4}, {2, 5, 4}};
        String[] names = {"", "srcaddr", "dstaddr", "bytes", "packets", "records"};
        for (int i = 0; i < PARTS.size(); i++) {
            List<String> columns = new ArrayList<>();
            for (int k : picks[i]) {
                columns.add(names[k]);
            }
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : all.rows()) {
                if (((Number) row.get(0)).intValue() == i) {
                    List<Object> picked = new ArrayList<>();
                    for (int k : picks[i]) {
                        picked.add(row.get(k));
                    }
                    rows.add(picked);
                }
            }
            out.put(PARTS.get(i), new QueryResult(columns, rows));
        }
        return out;
    }
}
