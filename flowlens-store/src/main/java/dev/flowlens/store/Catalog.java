package dev.flowlens.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.flowlens.core.time.IsoTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a workspace holds: totals, log streams, bad lines. */
public final class Catalog {
    private final Connection connection;

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    /** Totals of a workspace; {@code first}/{@code last} are epoch seconds or null when empty. */
    public record Info(
            long files,
            long records,
            long badLines,
            Long first,
            Long last,
            long streams,
            List<String> formats,
            long partialFiles) {}

    /** The totals as {@code flowlens info --output json} and {@code /api/info} write them, after the workspace. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InfoDocument(
            String workspace,
            long files,
            long records,
            long badLines,
            String first,
            String last,
            long streams,
            long partialFiles,
            List<String> formats) {
        public static InfoDocument of(String workspace, Info info) {
            return new InfoDocument(
                    workspace,
                    info.files(),
                    info.records(),
                    info.badLines(),
                    IsoTime.iso(info.first()),
                    IsoTime.iso(info.last()),
                    info.streams(),
                    info.partialFiles(),
                    info.formats());
        }
    }

    public record Stream(
            String stream,
            Long first,
            Long last,
            long records,
            long accepted,
            long rejected,
            long noData,
            long skipData) {
        /** The columns of {@code flowlens streams} and {@code /api/streams}, in order. */
        public static final List<String> COLUMNS =
                List.of("stream", "first", "last", "records", "accept", "reject", "nodata", "skipdata");

        /** The values of {@link #COLUMNS}, times as ISO-8601 UTC text. */
        public List<Object> values() {
            return Arrays.asList(
                    stream, IsoTime.iso(first), IsoTime.iso(last), records, accepted, rejected, noData, skipData);
        }
    }

    public record BadLine(String path, long line, String field, String reason, String text) {}

    public Info info() throws SQLException {
        long files;
        long partial;
        long bad;
        Set<String> formats = new LinkedHashSet<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE status = 'PARTIAL'), coalesce(sum(bad_lines), 0) FROM files")) {
                rs.next();
                files = rs.getLong(1);
                partial = rs.getLong(2);
                bad = rs.getLong(3);
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1")) {
                while (rs.next()) {
                    for (String f : rs.getString(1).split("\n")) {
                        formats.add(f);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*), min(start), max(\"end\"), count(DISTINCT coalesce(interface_id, log_stream)) FROM flows")) {
                rs.next();
                long records = rs.getLong(1);
                Long first = (Long) rs.getObject(2);
                Long last = (Long) rs.getObject(3);
                long streams = rs.getLong(4);
                return new Info(files, records, bad, first, last, streams, new ArrayList<>(formats), partial);
            }
        }
    }

    /** One row per log stream (the ENI, or the CloudWatch stream for records without one). */
    public List<Stream> streams(String prefix, int limit) throws SQLException {
        String sql = "SELECT coalesce(interface_id, log_stream, '-') AS stream, min(start), max(\"end\"), count(*), "
                + "count(*) FILTER (WHERE action = 'ACCEPT'), count(*) FILTER (WHERE action = 'REJECT'), "
                + "count(*) FILTER (WHERE log_status = 'NODATA'), count(*) FILTER (WHERE log_status = 'SKIPDATA') "
                + "FROM flows GROUP BY 1 HAVING starts_with(stream, ?) ORDER BY 1 LIMIT ?";
        return Jdbc.list(connection, sql, List.of(prefix == null ? "" : prefix, limit), Jdbc.record(Stream.class));
    }

    public List<BadLine> badLines(String pathContains, int limit) throws SQLException {
        String sql =
                "SELECT path, line, field, reason, text FROM bad_lines WHERE contains(path, ?) ORDER BY path, line LIMIT ?";
        return Jdbc.list(
                connection, sql, List.of(pathContains == null ? "" : pathContains, limit), Jdbc.record(BadLine.class));
    }

    /** How many bad lines there are in files whose path contains {@code pathContains} (null: every file). */
    public long badLineCount(String pathContains) throws SQLException {
        return countInPaths("SELECT count(*) FROM bad_lines WHERE contains(path, ?)", pathContains);
    }

    /**
     * The bad lines of one file for one reason: how many, and the first of them (to look at with
     * {@code bad-lines PATH}).
     */
    public record BadLineReason(String path, String reason, long lines, long firstLine) {}

    /**
     * Bad lines counted by file and reason, the most frequent first, in files whose path contains
     * {@code pathContains} (null: every file): where a file's format was misread, one reason holds
     * nearly all its lines.
     */
    public List<BadLineReason> badLineReasons(String pathContains, int limit) throws SQLException {
        String sql = "SELECT path, reason, count(*) AS lines, min(line) FROM bad_lines WHERE contains(path, ?) "
                + "GROUP BY path, reason ORDER BY lines DESC, path, reason LIMIT ?";
        return Jdbc.list(
                connection,
                sql,
                List.of(pathContains == null ? "" : pathContains, limit),
                Jdbc.record(BadLineReason.class));
    }

    /** How many (file, reason) groups {@link #badLineReasons} has in all. */
    public long badLineReasonCount(String pathContains) throws SQLException {
        return countInPaths(
                "SELECT count(*) FROM (SELECT DISTINCT path, reason FROM bad_lines WHERE contains(path, ?))",
                pathContains);
    }

    /** The count {@code sql} answers for the files whose path contains {@code pathContains} (null: every file). */
    private long countInPaths(String sql, String pathContains) throws SQLException {
        return Jdbc.list(connection, sql, List.of(pathContains == null ? "" : pathContains), rs -> rs.getLong(1))
                .get(0);
    }
}
