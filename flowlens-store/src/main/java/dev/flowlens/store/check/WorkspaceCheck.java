package dev.flowlens.store.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.Transactions;
import dev.flowlens.store.WorkspaceSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace invariant: every stored record and bad line belongs to exactly one catalog file,
 * each file holds exactly the records and bad lines its catalog row counts, and no content or path
 * is in the catalog twice. {@link #problems()} lists what breaks it; {@link #repair()} removes
 * what no file accounts for, and a file whose rows disagree with its catalog row whole (rows and
 * row), so the next ingest loads it again. The rollup ({@link FlowRollup}) must hold exactly the
 * records' sums; repair builds it again.
 */
public final class WorkspaceCheck {
    /** What is wrong. */
    public enum Kind {
        /** Records whose file is not in the catalog. */
        ORPHAN_RECORDS,
        /** Bad lines whose file is not in the catalog. */
        ORPHAN_BAD_LINES,
        /** A file holds another number of records than its catalog row says. */
        RECORD_COUNT_MISMATCH,
        /** A file holds another number of bad lines than its catalog row says. */
        BAD_LINE_COUNT_MISMATCH,
        /** A record line of a file is stored more than once. */
        DUPLICATE_LINES,
        /** The same content is in the catalog under two files. */
        DUPLICATE_CONTENT,
        /** The same path is in the catalog twice. */
        DUPLICATE_PATH,
        /** The per-bucket sums of {@code flow_rollup} differ from the records' (the overview would be wrong). */
        ROLLUP_MISMATCH
    }

    /**
     * @param fileId the file concerned (for orphans: the file id the rows carry; null when absent)
     * @param path the file's path when the catalog knows it
     * @param rows how many rows are concerned
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Problem(@JsonProperty("problem") Kind kind, Integer fileId, String path, long rows, String detail) {
        public String describe() {
            return kind + (path != null ? " " + path : fileId != null ? " file_id " + fileId : "") + ": " + detail;
        }
    }

    /** What {@link #repair()} removed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Repair(long recordsRemoved, long badLinesRemoved, int filesRemoved) {}

    /**
     * A check as {@code flowlens check --output json} prints it: the problems found and, after a
     * repair (else null and not written), what it removed and the problems left.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(
            boolean consistent,
            List<Problem> problems,
            @JsonUnwrapped Repair repaired,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Problem> problemsLeft) {}

    private final Connection connection;

    public WorkspaceCheck(Connection connection) {
        this.connection = connection;
    }

    /** Every problem, in a stable order; empty when the workspace is consistent. */
    public List<Problem> problems() throws SQLException {
        List<Problem> out = new ArrayList<>();
        String records = WorkspaceSchema.RECORDS_TABLE;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT r.file_id, count(*) FROM " + records
                    + " r ANTI JOIN files f USING (file_id) " + "GROUP BY r.file_id ORDER BY r.file_id NULLS FIRST")) {
                while (rs.next()) {
                    Integer id = (Integer) rs.getObject(1);
                    long n = rs.getLong(2);
                    out.add(new Problem(
                            Kind.ORPHAN_RECORDS, id, null, n, n + " records belong to no file in the catalog"));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT b.file_id, count(*), any_value(b.path) FROM bad_lines b ANTI JOIN files f USING (file_id) "
                            + "GROUP BY b.file_id ORDER BY b.file_id NULLS FIRST")) {
                while (rs.next()) {
                    Integer id = (Integer) rs.getObject(1);
                    long n = rs.getLong(2);
                    out.add(new Problem(
                            Kind.ORPHAN_BAD_LINES,
                            id,
                            rs.getString(3),
                            n,
                            n + " bad lines belong to no file in the catalog"));
                }
            }
            fileCounts(st, out);
            try (ResultSet rs = st.executeQuery(
                    "SELECT sha256, count(*), string_agg(path, ', ' ORDER BY path) FROM files GROUP BY sha256 "
                            + "HAVING count(*) > 1 ORDER BY sha256")) {
                while (rs.next()) {
                    out.add(new Problem(
                            Kind.DUPLICATE_CONTENT,
                            null,
                            null,
                            rs.getLong(2),
                            "content " + rs.getString(1) + " is loaded " + rs.getLong(2) + " times: "
                                    + rs.getString(3)));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT path, count(*) FROM files GROUP BY path HAVING count(*) > 1 ORDER BY path")) {
                while (rs.next()) {
                    out.add(new Problem(
                            Kind.DUPLICATE_PATH,
                            null,
                            rs.getString(1),
                            rs.getLong(2),
                            "the path is in the catalog " + rs.getLong(2) + " times"));
                }
            }
        }
        out.addAll(rollupProblems());
        return out;
    }

    /** Each catalog file's counts of records, distinct lines and bad lines against what the workspace holds. */
    private static void fileCounts(Statement st, List<Problem> out) throws SQLException {
        String records = WorkspaceSchema.RECORDS_TABLE;
        try (ResultSet rs = st.executeQuery(
                "SELECT f.file_id, f.path, f.records, coalesce(r.n, 0), coalesce(r.lines, 0), f.bad_lines, coalesce(b.n, 0) "
                        + "FROM files f LEFT JOIN (SELECT file_id, count(*) AS n, count(DISTINCT line) AS lines FROM "
                        + records
                        + " GROUP BY file_id) r USING (file_id) "
                        + "LEFT JOIN (SELECT file_id, count(*) AS n FROM bad_lines GROUP BY file_id) b USING (file_id) ORDER BY f.file_id")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String path = rs.getString(2);
                long expected = rs.getLong(3);
                long stored = rs.getLong(4);
                long lines = rs.getLong(5);
                long expectedBad = rs.getLong(6);
                long storedBad = rs.getLong(7);
                countMismatch(out, Kind.RECORD_COUNT_MISMATCH, id, path, expected, stored, "records");
                if (lines < stored) {
                    out.add(new Problem(
                            Kind.DUPLICATE_LINES,
                            id,
                            path,
                            stored - lines,
                            (stored - lines) + " records repeat a line of the file already stored"));
                }
                countMismatch(out, Kind.BAD_LINE_COUNT_MISMATCH, id, path, expectedBad, storedBad, "bad lines");
            }
        }
    }

    /** A problem of {@code kind} when the catalog's count of {@code what} differs from what is stored. */
    private static void countMismatch(
            List<Problem> out, Kind kind, int id, String path, long expected, long stored, String what) {
        if (expected != stored) {
            out.add(new Problem(
                    kind,
                    id,
                    path,
                    Math.abs(expected - stored),
                    "the catalog counts " + expected + " " + what + ", the workspace holds " + stored));
        }
    }

    private List<Problem> rollupProblems() throws SQLException {
        long rollup = FlowRollup.mismatches(connection);
        if (rollup == 0) {
            return List.of();
        }
        return List.of(new Problem(
                Kind.ROLLUP_MISMATCH,
                null,
                null,
                rollup,
                rollup + " sums of " + FlowRollup.TABLE + " differ from the records' (repair builds it again)"));
    }

    /**
     * In one transaction: removes records and bad lines that no catalog file accounts for, and every
     * file (rows and catalog row) whose stored rows disagree with its catalog row or that repeats a
     * content or path already in the catalog under a lower file id, so that a later ingest loads it again.
     */
    public Repair repair() throws SQLException {
        return Transactions.inTransaction(connection, this::repairInTransaction);
    }

    private Repair repairInTransaction() throws SQLException {
        String records = WorkspaceSchema.RECORDS_TABLE;
        try (Statement st = connection.createStatement()) {
            List<Integer> broken = new ArrayList<>();
            for (Problem p : problems()) {
                if (p.fileId() != null
                        && (p.kind() == Kind.RECORD_COUNT_MISMATCH
                                || p.kind() == Kind.BAD_LINE_COUNT_MISMATCH
                                || p.kind() == Kind.DUPLICATE_LINES)
                        && !broken.contains(p.fileId())) {
                    broken.add(p.fileId());
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT file_id FROM (SELECT file_id, row_number() OVER (PARTITION BY sha256 ORDER BY file_id) AS a, "
                            + "row_number() OVER (PARTITION BY path ORDER BY file_id) AS b FROM files) WHERE a > 1 OR b > 1")) {
                while (rs.next()) {
                    if (!broken.contains(rs.getInt(1))) {
                        broken.add(rs.getInt(1));
                    }
                }
            }
            long removedRecords = 0;
            long removedBad = 0;
            for (int id : broken) {
                removedRecords += deleteWhere(records, id);
                removedBad += deleteWhere("bad_lines", id);
                deleteWhere("files", id);
            }
            removedRecords += st.executeUpdate(
                    "DELETE FROM " + records + " WHERE file_id IS NULL OR file_id NOT IN (SELECT file_id FROM files)");
            removedBad += st.executeUpdate(
                    "DELETE FROM bad_lines WHERE file_id IS NULL OR file_id NOT IN (SELECT file_id FROM files)");
            FlowRollup.rebuild(connection);
            return new Repair(removedRecords, removedBad, broken.size());
        }
    }

    private long deleteWhere(String table, int fileId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
            ps.setInt(1, fileId);
            return ps.executeUpdate();
        }
    }
}
