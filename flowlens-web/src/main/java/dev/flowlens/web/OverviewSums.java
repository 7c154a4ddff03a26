package dev.flowlens.web;

import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.QueryRunner;
import dev.flowlens.store.sql.AddressSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The sums behind the overview's address top lists ({@link OverviewTops}), ports and coverage,
 * kept by the server in an in-memory database of its own: per day and address pair ({@code days}:
 * bytes, packets, records, rejected records and their packets), per pair and per source over every
 * day ({@code totals}, {@code sources}), per day and port or interface ({@link DayPart}). They are
 * built lazily ({@link #refresh}, which the server runs in the background after a request found
 * them behind the workspace, or the first answer itself): new catalog files' records are added,
 * anything else (a file removed or replaced, records outside the catalog) builds them again from
 * the records; the ingest is untouched and nothing is written to the workspace.
 *
 * <p>The answer is exact: a range is summed either from the days wholly inside it plus the records
 * of its partial days, or from the totals minus the days wholly outside it and the records of its
 * partial days outside it, or from the records alone, whichever reads fewest rows (a row of sums
 * counted as two records). Subtracting is only used when every record
 * with an address has its bytes and packets (a sum with a NULL part would otherwise become 0, not
 * NULL). The records are read from the workspace file, attached read-only by the first request
 * that holds it ({@link WorkspaceAccess#read}) and detached when the server closes it.
 */
final class OverviewSums implements AutoCloseable {
    static final long DAY = 86_400;

    private static final String PRESENT = "(srcaddr_v4 IS NOT NULL OR srcaddr_text IS NOT NULL "
            + "OR dstaddr_v4 IS NOT NULL OR dstaddr_text IS NOT NULL)";
    private static final String KEYS = "s4, st, d4, dt";
    private static final String PAIR = "s4 AS srcaddr_v4, st AS srcaddr_text, d4 AS dstaddr_v4, dt AS dstaddr_text";
    private static final String SUMS = "bytes, packets, records, rejected, rejected_packets";
    private static final String RECORDS = "ws." + WorkspaceSchema.RECORDS_TABLE;

    /** What the sums hold: the records counted, the day rows and records per day, the totals' rows. */
    private record Built(
            long records,
            boolean complete,
            TreeMap<Long, long[]> days,
            long totalRows,
            long first,
            long last,
            long firstOfAll,
            long lastOfAll) {}

    private final Path workspace;
    private Connection memory;
    private boolean attached;
    private Built built;

    OverviewSums(Path workspace) {
        this.workspace = workspace.toAbsolutePath();
    }

    /**
     * The four lists over the records starting in [from, to], each exactly as its part answers over
     * the records; call while {@link WorkspaceAccess} holds the workspace (the file is attached
     * until it closes it: {@link #detach}).
     */
    synchronized Map<Overview.Part, QueryResult> tops(long from, long to, int limit) throws SQLException {
        return answer(from, to, limit);
    }

    /**
     * The same for one of the four lists' parts, or for ports or coverage, or null when the sums would
     * not read fewer rows than the records (too few whole days in the range: its part's own statement
     * over the records then answers).
     */
    synchronized QueryResult part(Overview.Part part, long from, long to, int limit) throws SQLException {
        Connection m = attach();
        try {
            ensure(m);
            DayPart d = DayPart.of(part);
            if (d != null) {
                return dayPart(m, d, from, to, limit);
            }
            Plan plan = plan(from, to);
            if (plan.sql() == null) {
                return tops(m, plan, limit).get(part);
            }
            if (!plan.readsSums()) {
                return null;
            }
            List<Long> params = new ArrayList<>(plan.params());
            params.add((long) limit);
            return run(m, listSql(part, plan.source()), params);
        } catch (SQLException | RuntimeException e) {
            detach();
            throw e;
        }
    }

    /** The parts answered from the sums, the four lists' and {@link DayPart}'s. */
    static boolean answers(Overview.Part part) {
        return OverviewTops.PARTS.contains(part) || DayPart.of(part) != null;
    }

    /** The in-memory database with the workspace attached (kept until {@link #detach}). */
    private Connection attach() throws SQLException {
        Connection m = memory();
        if (!attached) {
            try (Statement st = m.createStatement()) {
                st.execute("ATTACH '" + workspace.toString().replace("'", "''") + "' AS ws (READ_ONLY)");
            }
            attached = true;
        }
        return m;
    }

    /**
     * Lets the workspace file go (when the server closes its own opening of it: {@link
     * WorkspaceAccess#onClose}); the sums stay.
     */
    synchronized void detach() {
        if (attached) {
            attached = false;
            try (Statement st = memory.createStatement()) {
                st.execute("DETACH ws");
            } catch (SQLException e) {
                // the next request attaches again; a failure here leaves nothing to keep
                close();
            }
        }
    }

    private Map<Overview.Part, QueryResult> answer(long from, long to, int limit) throws SQLException {
        Connection m = attach();
        try {
            ensure(m);
            return tops(m, plan(from, to), limit);
        } catch (SQLException | RuntimeException e) {
            detach();
            throw e;
        }
    }

    private static Map<Overview.Part, QueryResult> tops(Connection m, Plan plan, int limit) throws SQLException {
        String sql = plan.sql() == null
                ? OverviewTops.sql(
                        "SELECT " + PAIR + ", " + SUMS + " FROM totals",
                        "SELECT srcaddr_v4, srcaddr_text, " + SUMS + " FROM sources")
                : OverviewTops.sql(plan.sql());
        return OverviewTops.run(m, sql, plan.params(), limit);
    }

    private static QueryResult run(Connection m, String sql, List<Long> params) throws SQLException {
        try (PreparedStatement ps = m.prepareStatement(sql)) {
            int i = 1;
            for (long v : params) {
                ps.setLong(i++, v);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return QueryRunner.read(rs);
            }
        }
    }

    private Connection memory() throws SQLException {
        if (memory == null) {
            Properties props = new Properties();
            props.setProperty("autoinstall_known_extensions", "false");
            props.setProperty("autoload_known_extensions", "false");
            memory = DriverManager.getConnection("jdbc:duckdb:", props);
        }
        return memory;
    }

    /**
     * Whether the sums hold the records of the workspace as it is now (a few small queries), so that
     * a request would not build or extend them; call while {@link WorkspaceAccess} holds the file.
     */
    synchronized boolean current() throws SQLException {
        Connection m = attach();
        return built != null
                && single(m, "SELECT count(*) FROM " + RECORDS) == built.records()
                && single(m, "SELECT count(*) FROM covered c ANTI JOIN ws.files f USING (file_id, sha256)") == 0
                && single(m, "SELECT count(*) FROM ws.files ANTI JOIN covered USING (file_id)") == 0;
    }

    /** Builds or extends the sums for the workspace as it is now; call while the server holds the file. */
    synchronized void refresh() throws SQLException {
        ensure(attach());
    }

    /** Brings the sums up to the attached workspace's records: current, extended, or built again. */
    private void ensure(Connection m) throws SQLException {
        long records = single(m, "SELECT count(*) FROM " + RECORDS);
        if (built != null
                && single(m, "SELECT count(*) FROM covered c ANTI JOIN ws.files f USING (file_id, sha256)") == 0) {
            String fresh = "SELECT file_id FROM ws.files ANTI JOIN covered USING (file_id)";
            if (single(m, "SELECT count(*) FROM (" + fresh + ")") == 0) {
                if (records == built.records()) {
                    return;
                }
            } else {
                String filter = "file_id IN (" + fresh + ")";
                long added = single(m, "SELECT count(*) FROM " + RECORDS + " WHERE " + filter);
                if (built.records() + added == records) {
                    try (Statement st = m.createStatement()) {
                        st.execute("INSERT INTO days " + daySums(filter));
                        for (DayPart d : DayPart.ALL) {
                            st.execute("INSERT INTO " + d.table + " " + d.sums(filter));
                        }
                    }
                    summarise(m, records);
                    return;
                }
            }
        }
        try (Statement st = m.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE days AS " + daySums("TRUE"));
            for (DayPart d : DayPart.ALL) {
                st.execute("CREATE OR REPLACE TABLE " + d.table + " AS " + d.sums("TRUE"));
            }
        }
        summarise(m, records);
    }

    /** The day bucket of a record's start (floored, also before 1970). */
    private static final String BUCKET = "start - ((start % " + DAY + ") + " + DAY + ") % " + DAY;

    /**
     * The parts other than the address lists kept per day ({@code ports}, {@code coverage}): their
     * sums compose (sums, counts, minimum and maximum), so a range is its whole days plus the records
     * of its partial days. {@code keys} as selected from the records and their {@code names};
     * {@code sums} per day, the {@code record}'s values in their place, the sums {@code again} over
     * both, the {@code order} of the part's statement.
     */
    record DayPart(
            Overview.Part part,
            String table,
            String keys,
            String names,
            String condition,
            String sums,
            String record,
            String again,
            String order) {
        static final List<DayPart> ALL = List.of(
                new DayPart(
                        Overview.Part.PORTS,
                        "port_days",
                        "dstport, protocol",
                        "dstport, protocol",
                        "dstport IS NOT NULL",
                        "CAST(sum(bytes) AS BIGINT) AS bytes, count(*) AS records, "
                                + "count(*) FILTER (WHERE action = 'REJECT') AS rejected",
                        "bytes, 1, CAST(coalesce(action = 'REJECT', FALSE) AS INTEGER)",
                        "sum(bytes) AS bytes, sum(records) AS records, sum(rejected) AS rejected",
                        "bytes DESC, 1, 2"),
                new DayPart(
                        Overview.Part.COVERAGE,
                        "eni_days",
                        "coalesce(interface_id, log_stream, '-') AS eni",
                        "eni",
                        "TRUE",
                        "min(start) AS first, max(\"end\") AS last, count(*) AS records, "
                                + "count(*) FILTER (WHERE log_status = 'NODATA') AS nodata, "
                                + "count(*) FILTER (WHERE log_status = 'SKIPDATA') AS skipdata",
                        "start, \"end\", 1, CAST(coalesce(log_status = 'NODATA', FALSE) AS INTEGER), "
                                + "CAST(coalesce(log_status = 'SKIPDATA', FALSE) AS INTEGER)",
                        "min(first) AS first, max(last) AS last, sum(records) AS records, sum(nodata) AS nodata, "
                                + "sum(skipdata) AS skipdata",
                        "1"));

        /** The sums per day of the records {@code filter} selects. */
        String sums(String filter) {
            return "SELECT " + BUCKET + " AS bucket, " + keys + ", " + sums + " FROM " + RECORDS
                    + " WHERE start IS NOT NULL AND " + condition + " AND " + filter + " GROUP BY ALL";
        }

        /**
         * The part over its days in [?, ?] and the records starting in [?, ?] or [?, ?], then the
         * limit: the same rows as its statement over the records.
         */
        String sql() {
            String groups = names.contains(",") ? "1, 2" : "1";
            return "SELECT " + names + ", " + again + " FROM (SELECT * EXCLUDE (bucket) FROM " + table
                    + " WHERE bucket BETWEEN ? AND ? UNION ALL SELECT " + keys + ", " + record + " FROM " + RECORDS
                    + " WHERE (start BETWEEN ? AND ? OR start BETWEEN ? AND ?) AND " + condition + ") GROUP BY "
                    + groups + " ORDER BY " + order + " LIMIT ?";
        }

        static DayPart of(Overview.Part part) {
            for (DayPart d : ALL) {
                if (d.part == part) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * Ports or coverage over [from, to] from the days wholly inside it and the records of its partial
     * days; null when it has no whole day (and does not hold every record): its statement over the
     * records then reads as much.
     */
    private QueryResult dayPart(Connection m, DayPart d, long wholeFrom, long wholeTo, int limit) throws SQLException {
        long[] range = narrowed(wholeFrom, wholeTo);
        if (range == null) {
            return null;
        }
        long from = range[0];
        long to = range[1];
        long first = Math.floorDiv(from + DAY - 1, DAY) * DAY;
        long last = Math.floorDiv(to + 1, DAY) * DAY - DAY;
        List<Long> params;
        if (wholeFrom <= built.firstOfAll() && wholeTo >= built.lastOfAll()) {
            // every record: every day, no partial one
            params = List.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L, 0L, 1L, 0L);
        } else if (first <= last) {
            params = List.of(first, last, from, first - 1, last + DAY, to);
        } else {
            return null;
        }
        List<Long> all = new ArrayList<>(params);
        all.add((long) limit);
        return run(m, d.sql(), all);
    }

    /** The sums per day and pair of the records {@code filter} selects. */
    private static String daySums(String filter) {
        return "SELECT " + BUCKET + " AS bucket, srcaddr_v4 AS s4, "
                + "srcaddr_text AS st, dstaddr_v4 AS d4, dstaddr_text AS dt, CAST(sum(bytes) AS BIGINT) AS bytes, "
                + "CAST(sum(packets) AS BIGINT) AS packets, count(*) AS records, "
                + "count(*) FILTER (WHERE action = 'REJECT') AS rejected, "
                + "CAST(sum(packets) FILTER (WHERE action = 'REJECT') AS BIGINT) AS rejected_packets, "
                + "count(*) FILTER (WHERE bytes IS NULL OR packets IS NULL) AS incomplete FROM " + RECORDS
                + " WHERE start IS NOT NULL AND " + PRESENT + " AND " + filter + " GROUP BY 1, 2, 3, 4, 5";
    }

    /** The totals, the catalog covered and what the plans need to know, after the days changed. */
    private void summarise(Connection m, long records) throws SQLException {
        TreeMap<Long, long[]> days = new TreeMap<>();
        long incomplete = 0;
        try (Statement st = m.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE covered AS SELECT file_id, sha256 FROM ws.files");
            st.execute("CREATE OR REPLACE TABLE totals AS SELECT " + KEYS + ", CAST(sum(bytes) AS BIGINT) AS bytes, "
                    + "CAST(sum(packets) AS BIGINT) AS packets, sum(records) AS records, sum(rejected) AS rejected, "
                    + "CAST(sum(rejected_packets) AS BIGINT) AS rejected_packets FROM days GROUP BY ALL");
            st.execute("CREATE OR REPLACE TABLE sources AS SELECT s4 AS srcaddr_v4, st AS srcaddr_text, "
                    + "CAST(sum(bytes) AS BIGINT) AS bytes, CAST(sum(packets) AS BIGINT) AS packets, sum(records) AS records, "
                    + "sum(rejected) AS rejected, CAST(sum(rejected_packets) AS BIGINT) AS rejected_packets FROM totals "
                    + "WHERE s4 IS NOT NULL OR st IS NOT NULL GROUP BY 1, 2");
            try (ResultSet rs = st.executeQuery(
                    "SELECT bucket, count(*), sum(records), sum(incomplete) FROM days GROUP BY 1 ORDER BY 1")) {
                while (rs.next()) {
                    days.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    incomplete += rs.getLong(4);
                }
            }
        }
        long[] span = new long[4];
        // the first and last start of the records with an address, and of all records
        try (Statement st = m.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(min(start) FILTER (WHERE " + PRESENT + "), 0), "
                        + "coalesce(max(start) FILTER (WHERE " + PRESENT + "), -1), coalesce(min(start), 0), "
                        + "coalesce(max(start), -1) FROM " + RECORDS)) {
            rs.next();
            for (int i = 0; i < span.length; i++) {
                span[i] = rs.getLong(i + 1);
            }
        }
        built = new Built(
                records,
                incomplete == 0,
                days,
                single(m, "SELECT count(*) FROM totals"),
                span[0],
                span[1],
                span[2],
                span[3]);
    }

    private static long single(Connection m, String sql) throws SQLException {
        try (Statement st = m.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A statement with one row per pair over a range (for {@link OverviewTops#sql(String)}; null when
     * the range holds every record with an address: the totals answer), and its parameters.
     */
    record Plan(String sql, String source, List<Long> params, boolean subtracts, boolean readsSums) {}

    /** How a range is summed: from the days inside it, or from the totals minus the days outside. */
    Plan plan(long from, long to) {
        if (from <= built.first() && to >= built.last()) {
            return new Plan(null, null, List.of(), false, true);
        }
        long[] range = narrowed(from, to);
        if (range == null) {
            String source = records("", "start BETWEEN ? AND ?");
            return new Plan(pairs(source), source, List.of(from, to), false, false);
        }
        return planWithin(range);
    }

    /**
     * [from, to] narrowed to the records' first and last start (no record starts outside them, so the
     * answer is the same) to keep the day arithmetic far from overflow; null when nothing is left or
     * a bound is beyond about 30 million years (the records then answer).
     */
    private long[] narrowed(long from, long to) {
        long low = Math.max(from, built.firstOfAll());
        long high = Math.min(to, built.lastOfAll());
        long far = 1L << 50;
        return low > high || low < -far || high > far ? null : new long[] {low, high};
    }

    private Plan planWithin(long[] range) {
        long from = range[0];
        long to = range[1];
        long first = Math.floorDiv(from + DAY - 1, DAY) * DAY;
        long last = Math.floorDiv(to + 1, DAY) * DAY - DAY;
        long low = Math.floorDiv(from, DAY) * DAY;
        long high = Math.floorDiv(to, DAY) * DAY;
        // rows each way reads; a row of sums costs about twice a record's (wider, and summed again)
        double inside = first <= last
                ? 2 * rows(first, last) + partial(low, first - from) + partial(high, to + 1 - last - DAY)
                : Double.MAX_VALUE;
        double outside = built.complete()
                ? 2 * (built.totalRows() + rows(Long.MIN_VALUE, low - DAY) + rows(high + DAY, Long.MAX_VALUE))
                        + partial(low, from - low)
                        + partial(high, high + DAY - 1 - to)
                : Double.MAX_VALUE;
        double recordsOnly = records(from, to);
        List<String> parts = new ArrayList<>();
        List<Long> params = new ArrayList<>();
        boolean subtracts = outside < inside && outside < recordsOnly;
        boolean fromDays = !subtracts && inside < recordsOnly;
        if (subtracts) {
            parts.add("SELECT " + KEYS + ", " + SUMS + " FROM totals");
            parts.add(days("-", "bucket < ? OR bucket > ?"));
            params.addAll(List.of(low, high));
            parts.add(records("-", "start BETWEEN ? AND ? OR start BETWEEN ? AND ?"));
            params.addAll(List.of(low, from - 1, to + 1, high + DAY - 1));
        } else if (fromDays) {
            parts.add(days("", "bucket BETWEEN ? AND ?"));
            params.addAll(List.of(first, last));
            parts.add(records("", "start BETWEEN ? AND ? OR start BETWEEN ? AND ?"));
            params.addAll(List.of(from, first - 1, last + DAY, to));
        } else {
            parts.add(records("", "start BETWEEN ? AND ?"));
            params.addAll(List.of(from, to));
        }
        String source = String.join(" UNION ALL ", parts);
        return new Plan(pairs(source), source, params, subtracts, subtracts || fromDays);
    }

    /** The sums per pair of a plan's signed rows, those with records in the range. */
    private static String pairs(String source) {
        return "SELECT " + PAIR + ", sum(bytes) AS bytes, sum(packets) AS packets, sum(records) AS records, "
                + "sum(rejected) AS rejected, sum(rejected_packets) AS rejected_packets FROM (" + source
                + ") GROUP BY 1, 2, 3, 4 HAVING sum(records) > 0";
    }

    /**
     * One list's statement over a plan's signed rows ({@code source}; its parameters, then the
     * limit), grouped by the list's own addresses only, with its part's columns. A source's sums
     * over the range are its rows' sums, kept when it has records in the range; a rejected list
     * reads only the rows with rejected records (added or subtracted).
     */
    static String listSql(Overview.Part part, String source) {
        String src = AddressSql.display("s4", "st") + " AS srcaddr";
        String dst = AddressSql.display("d4", "dt") + " AS dstaddr";
        String srcPresent = "(s4 IS NOT NULL OR st IS NOT NULL)";
        String dstPresent = "(d4 IS NOT NULL OR dt IS NOT NULL)";
        String rejected = "sum(rejected) AS records, sum(rejected_packets) AS packets";
        return switch (part) {
            case TALKERS ->
                list(
                        src,
                        "s4, st",
                        "sum(bytes) AS bytes, sum(packets) AS packets, sum(records) AS records",
                        source,
                        srcPresent,
                        "records",
                        "bytes");
            case PAIRS ->
                list(
                        src + ", " + dst,
                        "s4, st, d4, dt",
                        "sum(bytes) AS bytes, sum(records) AS records",
                        source,
                        srcPresent + " AND " + dstPresent,
                        "records",
                        "bytes");
            case REJECTED_SOURCES ->
                list(src, "s4, st", rejected, source, srcPresent + " AND rejected <> 0", "rejected", "rejected");
            case REJECTED_DESTINATIONS ->
                list(dst, "d4, dt", rejected, source, dstPresent + " AND rejected <> 0", "rejected", "rejected");
            default -> throw new IllegalArgumentException("not an address list: " + part.path());
        };
    }

    private static String list(
            String shown, String keys, String sums, String source, String where, String counted, String rank) {
        return "SELECT " + shown + ", " + sums + " FROM (" + source + ") WHERE " + where + " GROUP BY " + keys
                + " HAVING sum(" + counted + ") > 0 ORDER BY sum(" + rank + ") DESC, " + keys + " LIMIT ?";
    }

    private static String days(String sign, String where) {
        return "SELECT " + KEYS + ", " + sign + "bytes, " + sign + "packets, " + sign + "records, " + sign
                + "rejected, " + sign + "rejected_packets FROM days WHERE " + where;
    }

    private static String records(String sign, String where) {
        String reject = "action = 'REJECT'";
        return "SELECT srcaddr_v4 AS s4, srcaddr_text AS st, dstaddr_v4 AS d4, dstaddr_text AS dt, " + sign
                + "bytes AS bytes, " + sign + "packets AS packets, " + sign + "1 AS records, " + sign + "CAST(coalesce("
                + reject + ", FALSE) AS INTEGER) AS rejected, " + sign + "(CASE WHEN " + reject
                + " THEN packets END) AS rejected_packets FROM " + RECORDS + " WHERE (" + where + ") AND " + PRESENT;
    }

    /** The day rows of the buckets in [first, last]. */
    private double rows(long first, long last) {
        if (first > last) {
            return 0;
        }
        double n = 0;
        for (long[] d : built.days().subMap(first, true, last, true).values()) {
            n += d[0];
        }
        return n;
    }

    /** About how many records with an address start in [from, to]. */
    private double records(long from, long to) {
        double n = 0;
        for (Map.Entry<Long, long[]> d : built.days()
                .subMap(Math.floorDiv(from, DAY) * DAY, true, Math.floorDiv(to, DAY) * DAY, true)
                .entrySet()) {
            long overlap = Math.min(to + 1, d.getKey() + DAY) - Math.max(from, d.getKey());
            n += d.getValue()[1] * (double) overlap / DAY;
        }
        return n;
    }

    /** About how many records a part of {@code seconds} of the day at {@code bucket} holds. */
    private double partial(long bucket, long seconds) {
        long[] d = built.days().get(bucket);
        return d == null || seconds <= 0 ? 0 : d[1] * (double) seconds / DAY;
    }

    @Override
    public synchronized void close() {
        built = null;
        attached = false;
        if (memory != null) {
            try {
                memory.close();
            } catch (SQLException e) {
                // an in-memory database: nothing is lost, its memory is freed with the instance anyway
            }
            memory = null;
        }
    }
}
