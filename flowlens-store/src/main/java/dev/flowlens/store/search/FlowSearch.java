package dev.flowlens.store.search;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FieldPredicate;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.PatternCompiler;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.store.sql.FilterSql;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Searches the {@code flows} of a workspace: the structured filter ({@link FilterSql}) and the
 * filter pattern, compiled once per distinct file format ({@link PatternCompiler}) and turned into
 * SQL on the typed columns ({@link PredicateSql}). Message text is never rebuilt in SQL.
 *
 * <p>Files whose formats differ get their own condition, selected by {@code files.formats}. A file
 * that holds several formats (concatenated files with different headers) is matched against each
 * of them, since the workspace does not record which format each of its lines had.
 */
public final class FlowSearch {
    private static final String PATH_COLUMN = "flowlens_path";
    private static final String FORMATS_COLUMN = "flowlens_formats";

    private final Connection connection;
    private final Map<String, List<FlowFormat>> formatCache = new HashMap<>();

    public FlowSearch(Connection connection) {
        this.connection = connection;
    }

    public SearchResult search(SearchRequest request) {
        try {
            return run(request);
        } catch (SQLException e) {
            throw new FlowlensException(ErrorCode.QUERY_FAILED, "search failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The WHERE condition over {@code flows} for a request (for tests and EXPLAIN). */
    public SqlFragment where(SearchRequest request) throws SQLException {
        List<SqlFragment> parts = new ArrayList<>();
        SqlFragment filter = FilterSql.where(request.filter());
        if (!filter.sql().equals("TRUE")) {
            parts.add(filter);
        }
        SqlFragment pattern = patternSql(request.pattern());
        if (!pattern.sql().equals("TRUE")) {
            parts.add(pattern);
        }
        return SqlFragment.and(parts);
    }

    private SearchResult run(SearchRequest request) throws SQLException {
        SqlFragment where = where(request);
        String sql = "SELECT m.*, fi.path AS " + PATH_COLUMN + ", fi.formats AS " + FORMATS_COLUMN
                + " FROM (SELECT * FROM flows WHERE " + where.sql()
                + " ORDER BY \"start\" NULLS LAST, file_id, line LIMIT " + ((long) request.limit() + 1) + ") m LEFT JOIN files fi ON fi.file_id = m.file_id"
                + " ORDER BY m.\"start\" NULLS LAST, m.file_id, m.line";
        List<FlowRow> rows = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                String[] names = new String[n + 1];
                for (int i = 1; i <= n; i++) {
                    names[i] = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                }
                while (rs.next()) {
                    if (rows.size() == request.limit()) {
                        more = true;
                        break;
                    }
                    Map<String, Object> values = new LinkedHashMap<>();
                    String path = null;
                    String formats = null;
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        if (names[i].equals(PATH_COLUMN)) {
                            path = (String) v;
                        } else if (names[i].equals(FORMATS_COLUMN)) {
                            formats = (String) v;
                        } else {
                            values.put(names[i], v);
                        }
                    }
                    Object line = values.get("line");
                    rows.add(new FlowRow(path, line == null ? 0 : ((Number) line).longValue(), (String) values.get("log_stream"),
                            formats(formats).get(0), values));
                }
            }
        }
        return new SearchResult(rows, more);
    }

    /** The pattern as a condition: per group of files sharing a format. */
    SqlFragment patternSql(FilterPattern pattern) throws SQLException {
        if (pattern instanceof FilterPattern.MatchAll) {
            return SqlFragment.TRUE;
        }
        PredicateSql toSql = new PredicateSql(flowColumns());
        List<String> groups = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1")) {
            while (rs.next()) {
                groups.add(rs.getString(1));
            }
        }
        if (groups.isEmpty()) {
            return SqlFragment.TRUE;
        }
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        boolean allTrue = true;
        for (String group : groups) {
            List<FieldPredicate> alternatives = new ArrayList<>();
            for (FlowFormat f : formats(group)) {
                alternatives.add(PatternCompiler.compile(pattern, f));
            }
            FieldPredicate p = alternatives.size() == 1 ? alternatives.get(0) : FieldPredicate.any(alternatives);
            if (groups.size() == 1) {
                return toSql.toSql(p);
            }
            if (p.equals(FieldPredicate.TRUE)) {
                sql.add("(file_id IN (SELECT file_id FROM files WHERE formats = ?))");
                params.add(group);
                continue;
            }
            allTrue = false;
            if (p.equals(FieldPredicate.FALSE)) {
                continue;
            }
            SqlFragment cond = toSql.toSql(p);
            sql.add("(file_id IN (SELECT file_id FROM files WHERE formats = ?) AND (" + cond.sql() + "))");
            params.add(group);
            params.addAll(cond.params());
        }
        if (allTrue) {
            return SqlFragment.TRUE;
        }
        if (sql.isEmpty()) {
            return new SqlFragment("FALSE", List.of());
        }
        return new SqlFragment(String.join(" OR ", sql), params);
    }

    private Set<String> flowColumns() throws SQLException {
        Set<String> cols = new HashSet<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'flows'")) {
            while (rs.next()) {
                cols.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return cols;
    }

    /** The formats a {@code files.formats} value lists (header lines, one per line); v2 when none. */
    List<FlowFormat> formats(String formats) {
        if (formats == null || formats.isBlank()) {
            return List.of(FlowFormat.DEFAULT_V2);
        }
        return formatCache.computeIfAbsent(formats, s -> {
            List<FlowFormat> list = new ArrayList<>();
            for (String line : s.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                FlowFormat f = FlowFormat.fromHeaderLine(line.trim());
                list.add(f == null ? FlowFormat.DEFAULT_V2 : f);
            }
            return list.isEmpty() ? List.of(FlowFormat.DEFAULT_V2) : List.copyOf(list);
        });
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
