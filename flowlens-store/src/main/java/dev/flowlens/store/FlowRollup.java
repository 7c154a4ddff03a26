package dev.flowlens.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code flow_rollup}: the records' sums per minute and action, kept beside {@code flow_records} so
 * the overview's traffic chart sums a few rows per minute instead of every record. Each row is a
 * partial sum over one bucket (rows of one key add up; a file's rows are added with its catalog row
 * and subtracted when the file is removed, in the same transaction, so the rollup holds exactly the
 * sums of the records whose file is in the catalog, whatever run is killed).
 *
 * <p>Columns: {@code kind} (a {@link Kind}), {@code bucket} (the bucket's first second; NULL for
 * records without a start), {@code action}, then {@code bytes}, {@code packets} and
 * {@code records}.
 *
 * <p>Only the time series is rolled up. Sums per hour and destination port (for the top ports)
 * cost the ingest about 30 % more time on the ingest benchmark's files (whose replies' ephemeral
 * ports make one row per six records), and sums per source address or address pair would cost
 * about as much as the top lists they answer (nearly every address is new within an hour).
 */
public final class FlowRollup {
    public static final String TABLE = "flow_rollup";

    /** What a row sums over, with the bucket length in seconds. */
    public enum Kind {
        /** Per minute and action. */
        SERIES(60);

        private final long grain;

        Kind(long grain) {
            this.grain = grain;
        }

        /** The bucket length, seconds. */
        public long grain() {
            return grain;
        }
    }

    private static final String META_KEY = "rollup_version";
    private static final String VERSION = "3";

    private static final String KEYS = "kind, bucket, action";
    /** The records the rollup sums: those of the files in the catalog. */
    private static final String CATALOGUED = "file_id IN (SELECT file_id FROM files)";

    private static final String COLUMNS = KEYS + ", bytes, packets, records";

    private FlowRollup() {}

    /** The statement that creates the table (idempotent). */
    public static String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + TABLE + " (kind UTINYINT NOT NULL, bucket BIGINT, action VARCHAR, "
                + "bytes BIGINT, packets BIGINT, records BIGINT NOT NULL)";
    }

    /**
     * The rollup rows of the records {@code where} selects (a condition on {@code flow_records}),
     * each sum multiplied by {@code sign}.
     */
    private static String sums(String where, int sign) {
        String s = sign < 0 ? "-" : "";
        return "SELECT " + Kind.SERIES.ordinal() + ", start - start % " + Kind.SERIES.grain + ", action, " + s
                + "sum(bytes), " + s + "sum(packets), " + s + "count(*) FROM " + WorkspaceSchema.RECORDS_TABLE
                + " WHERE " + where + " GROUP BY 2, 3";
    }

    /**
     * Adds the sums of a file's records; call in the transaction that writes them, with its catalog
     * row.
     */
    public static void addFile(Connection c, int fileId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ") " + sums("file_id = ?", 1))) {
            ps.setInt(1, fileId);
            ps.executeUpdate();
        }
    }

    /**
     * Subtracts the sums of a file's records when the file is in the catalog (its sums were added
     * with its catalog row); call in the transaction that removes them, before they go.
     */
    public static void removeFile(Connection c, int fileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ") "
                + sums("file_id = ? AND EXISTS (SELECT 1 FROM files WHERE file_id = ?)", -1))) {
            ps.setInt(1, fileId);
            ps.setInt(2, fileId);
            ps.executeUpdate();
        }
    }

    /**
     * Builds the rollup again from the records of the files in the catalog (one row per key,
     * ordered by kind and bucket), in the caller's transaction; returns the rows written.
     */
    public static long rebuild(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + TABLE);
            long rows = st.executeUpdate("INSERT INTO " + TABLE + " (" + COLUMNS + ") SELECT * FROM ("
                    + sums(CATALOGUED, 1) + ") ORDER BY 1, 2");
            st.execute("INSERT INTO flowlens_meta VALUES ('" + META_KEY + "', '" + VERSION
                    + "') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            return rows;
        }
    }

    /**
     * Creates the table on a writable connection and, for a workspace written before it (no rollup
     * of this layout recorded in {@code flowlens_meta}), builds it from the records once.
     */
    static void ensure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT value FROM flowlens_meta WHERE key = '" + META_KEY + "'")) {
                if (rs.next() && VERSION.equals(rs.getString(1))) {
                    return;
                }
            }
            // none yet, or another layout: made again
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute(createStatement());
        }
        Transactions.inTransaction(c, () -> rebuild(c));
    }

    /**
     * True when the rollup can answer for the records: the table exists and its per-minute rows
     * count every record (records inserted by other means than the ingest, as benchmarks and tests
     * build workspaces in SQL, are not in it until {@link #rebuild}).
     */
    public static boolean current(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + TABLE
                        + "' AND schema_name = 'main'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM " + WorkspaceSchema.RECORDS_TABLE
                        + ") = (SELECT coalesce(sum(records), 0) FROM " + TABLE + " WHERE kind = "
                        + Kind.SERIES.ordinal() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * How many distinct keys the rollup and the records of the catalog's files disagree on (0 when
     * the rollup holds exactly their sums; records of no file are the check's orphans): for
     * {@code flowlens check}.
     */
    public static long mismatches(Connection c) throws SQLException {
        // a sum of no values is NULL in the records and may be 0 in the rollup (added, then subtracted)
        String totals = "coalesce(sum(bytes), 0), coalesce(sum(packets), 0), sum(records)";
        String stored = "SELECT " + KEYS + ", " + totals + " FROM " + TABLE + " GROUP BY ALL HAVING sum(records) <> 0";
        String expected = "SELECT " + KEYS + ", " + totals + " FROM (" + sums(CATALOGUED, 1) + ") t(" + COLUMNS
                + ") GROUP BY ALL";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ((" + stored + " EXCEPT ALL " + expected
                        + ") UNION ALL (" + expected + " EXCEPT ALL " + stored + "))")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
