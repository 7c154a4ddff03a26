package dev.flowlens.web;

import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.QueryRunner;
import dev.flowlens.store.sql.AddressSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The aggregates of the overview page, one SQL statement each over {@code flows} in a time range
 * (record start in [from, to], epoch seconds); the series is answered from {@link FlowRollup}
 * where it can be ({@link OverviewRollup}). The API, the HTML report and the benchmark run the same statements.
 */
public final class Overview {
    /** One chart or table of the overview. */
    public enum Part {
        /** Bytes, packets and records per time bucket and action. */
        SERIES(
                "SELECT start - start % ? AS t, action, sum(bytes) AS bytes, sum(packets) AS packets, count(*) AS records FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND action IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
                true, new Rollup(FlowRollup.Kind.SERIES, OverviewRollup.series())),
        /** Source addresses with the most bytes. */
        TALKERS(
                top(
                        "srcaddr",
                        null,
                        "sum(bytes) AS bytes, sum(packets) AS packets, count(*) AS records",
                        "TRUE",
                        "bytes"),
                "SELECT srcaddr, sum(bytes) AS bytes, sum(packets) AS packets, count(*) AS records FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND srcaddr IS NOT NULL GROUP BY 1 ORDER BY bytes DESC, 1 LIMIT ?"),
        /** Destination ports with the most bytes. */
        PORTS(
                "SELECT dstport, protocol, sum(bytes) AS bytes, count(*) AS records, count(*) FILTER (WHERE action = 'REJECT') AS rejected "
                        + "FROM flows WHERE start BETWEEN ? AND ? AND dstport IS NOT NULL GROUP BY 1, 2 ORDER BY bytes DESC, 1, 2 LIMIT ?",
                false,
                null),
        /** Source and destination pairs with the most bytes. */
        PAIRS(
                top("srcaddr", "dstaddr", "sum(bytes) AS bytes, count(*) AS records", "TRUE", "bytes"),
                "SELECT srcaddr, dstaddr, sum(bytes) AS bytes, count(*) AS records FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND srcaddr IS NOT NULL GROUP BY 1, 2 ORDER BY bytes DESC, 1, 2 LIMIT ?"),
        /** Sources with the most rejected records. */
        REJECTED_SOURCES(
                top("srcaddr", null, "count(*) AS records, sum(packets) AS packets", "action = 'REJECT'", "records"),
                "SELECT srcaddr, count(*) AS records, sum(packets) AS packets FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND action = 'REJECT' AND srcaddr IS NOT NULL GROUP BY 1 ORDER BY records DESC, 1 LIMIT ?"),
        /** Destinations with the most rejected records. */
        REJECTED_DESTINATIONS(
                top("dstaddr", null, "count(*) AS records, sum(packets) AS packets", "action = 'REJECT'", "records"),
                "SELECT dstaddr, count(*) AS records, sum(packets) AS packets FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND action = 'REJECT' AND dstaddr IS NOT NULL GROUP BY 1 ORDER BY records DESC, 1 LIMIT ?"),
        /** Traffic by flow direction and traffic path (null when the format has neither). */
        DIRECTIONS(
                "SELECT flow_direction, traffic_path, sum(bytes) AS bytes, count(*) AS records FROM flows "
                        + "WHERE start BETWEEN ? AND ? AND (flow_direction IS NOT NULL OR traffic_path IS NOT NULL) GROUP BY 1, 2 ORDER BY bytes DESC LIMIT ?",
                false,
                null),
        /** Capture coverage per interface: span, records, NODATA and SKIPDATA windows. */
        COVERAGE(
                "SELECT coalesce(interface_id, log_stream, '-') AS eni, min(start) AS first, max(\"end\") AS last, count(*) AS records, "
                        + "count(*) FILTER (WHERE log_status = 'NODATA') AS nodata, count(*) FILTER (WHERE log_status = 'SKIPDATA') AS skipdata "
                        + "FROM flows WHERE start BETWEEN ? AND ? GROUP BY 1 ORDER BY 1 LIMIT ?",
                false,
                null);

        /** The statement the API runs; parameters: (bin,) from, to(, limit). */
        private final String sql;
        /**
         * The same aggregate written plainly over {@code flows} (the benchmark's baseline); the
         * answer is the same, except which of the rows tied at the limit are kept.
         */
        private final String plainSql;

        private final boolean binned;
        /** How the part is answered from {@link FlowRollup}, or null when it is not. */
        private final Rollup rollup;

        Part(String sql, boolean binned, Rollup rollup) {
            this(sql, sql, binned, rollup);
        }

        Part(String sql, String plainSql) {
            this(sql, plainSql, false, null);
        }

        Part(String sql, String plainSql, boolean binned, Rollup rollup) {
            this.sql = sql;
            this.plainSql = plainSql;
            this.binned = binned;
            this.rollup = rollup;
        }

        /** The name in the API's path: {@code rejected-sources}. */
        public String path() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Part of(String path) {
            for (Part p : values()) {
                if (p.path().equals(path)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A part's statement over the rollup ({@link OverviewRollup}) and the kind of rollup rows it reads. */
    private record Rollup(FlowRollup.Kind kind, String sql) {}

    private Overview() {}

    /**
     * A top list of addresses grouped on their stored columns (the IPv4 number and the text of any
     * other address) instead of the text {@code flows} renders for every row; only the rows kept are
     * rendered. Over 10M records this groups several times faster.
     */
    private static String top(String first, String second, String aggregates, String condition, String orderBy) {
        StringBuilder keys = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        StringBuilder present = new StringBuilder();
        for (String column : second == null ? new String[] {first} : new String[] {first, second}) {
            String v4 = AddressSql.v4(column);
            String text = AddressSql.text(column);
            keys.append(keys.length() == 0 ? "" : ", ").append(v4).append(", ").append(text);
            shown.append(AddressSql.display(v4, text))
                    .append(" AS ")
                    .append(column)
                    .append(", ");
            present.append(" AND (")
                    .append(v4)
                    .append(" IS NOT NULL OR ")
                    .append(text)
                    .append(" IS NOT NULL)");
        }
        String order = orderBy + " DESC, " + keys;
        return "SELECT " + shown + "* EXCLUDE (" + keys + ") FROM (SELECT " + keys + ", " + aggregates + " FROM "
                + WorkspaceSchema.ROWS_VIEW + " WHERE start BETWEEN ? AND ? AND " + condition + present + " GROUP BY "
                + keys + " ORDER BY " + order + " LIMIT ?) ORDER BY " + order;
    }

    /**
     * Runs one part: from the rollup when it holds the records' sums and the range has whole
     * buckets of its grain (and, for the series, the bin is whole minutes), else over the records.
     */
    public static QueryResult run(Connection c, Part part, long from, long to, long bin, int limit)
            throws SQLException {
        if (part.rollup != null && (!part.binned || bin % part.rollup.kind().grain() == 0)) {
            OverviewRollup.Span span =
                    OverviewRollup.Span.of(from, to, part.rollup.kind().grain());
            if (span.hasWholeBuckets() && FlowRollup.current(c)) {
                try (PreparedStatement ps = c.prepareStatement(part.rollup.sql())) {
                    int i = 1;
                    if (part.binned) {
                        ps.setLong(i++, bin);
                    }
                    for (long v : span.bind()) {
                        ps.setLong(i++, v);
                    }
                    if (!part.binned) {
                        ps.setInt(i, limit);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        return QueryRunner.read(rs);
                    }
                }
            }
        }
        return run(c, part.sql, part, from, to, bin, limit);
    }

    /** Runs one part over the records (never from the rollup), as before the rollup existed. */
    public static QueryResult runOverRecords(Connection c, Part part, long from, long to, long bin, int limit)
            throws SQLException {
        return run(c, part.sql, part, from, to, bin, limit);
    }

    /** Runs one part as its {@link Part#plainSql} (the benchmark's baseline). */
    public static QueryResult runPlain(Connection c, Part part, long from, long to, long bin, int limit)
            throws SQLException {
        return run(c, part.plainSql, part, from, to, bin, limit);
    }

    private static QueryResult run(Connection c, String sql, Part part, long from, long to, long bin, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (part.binned) {
                ps.setLong(i++, bin);
            }
            ps.setLong(i++, from);
            ps.setLong(i++, to);
            if (!part.binned) {
                ps.setInt(i, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return QueryRunner.read(rs);
            }
        }
    }
}
