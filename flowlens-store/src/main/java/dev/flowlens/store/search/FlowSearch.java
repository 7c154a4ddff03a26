package dev.flowlens.store.search;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FieldPredicate;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.filter.PatternCompiler;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.sql.FilterSql;
import dev.flowlens.store.sql.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private static final String ROWID = "flowlens_rowid";
    private static final String ORDER = "\"start\" NULLS LAST, file_id, line, " + ROWID;
    private static final int MAX_SCANS = 16;
    private static final String[] NO_FILE = {null, null};

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
        for (List<SqlFragment> alternatives : conjuncts(request, flowColumns())) {
            parts.add(FilterSql.or(alternatives));
        }
        return SqlFragment.and(parts);
    }

    /** The request as conditions that must all hold, each as its alternatives. */
    private List<List<SqlFragment>> conjuncts(SearchRequest request, Set<String> flowColumns) throws SQLException {
        List<List<SqlFragment>> parts = new ArrayList<>(FilterSql.conjuncts(request.filter()));
        List<SqlFragment> pattern = patternAlternatives(request.pattern(), flowColumns);
        if (!pattern.isEmpty()) {
            parts.add(pattern);
        }
        return parts;
    }

    /**
     * Which condition's alternatives run as separate scans, or -1. A scan whose filter is one
     * column test is pushed into DuckDB's table scan, while an OR over several columns makes it read
     * every column of every row; so a whole-workspace search for {@code --ip} or a pattern term that
     * may sit in several fields runs one narrow scan per alternative. With an interface or a time
     * range, row groups are skipped anyway and one scan is cheaper.
     */
    private static int splitCondition(SearchRequest request, List<List<SqlFragment>> conjuncts) {
        FlowFilter f = request.filter();
        if (!f.enis().isEmpty() || f.from() != null || f.to() != null) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < conjuncts.size(); i++) {
            int n = conjuncts.get(i).size();
            if (n > 1 && n <= MAX_SCANS && (best < 0 || n < conjuncts.get(best).size())) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Over the whole workspace, two steps, so that only the matches are read whole: the row ids of
     * the first limit + 1 matches (reading the filtered and ordering columns only; one scan per
     * alternative of the split condition, each keeping its own first limit + 1), then those rows.
     * With an interface or a time range, one step. Then the files of the rows found.
     */
    private SearchResult run(SearchRequest request) throws SQLException {
        FlowFilter f = request.filter();
        boolean narrow = !f.enis().isEmpty() || f.from() != null || f.to() != null;
        Set<String> flowColumns = request.pattern() instanceof FilterPattern.MatchAll ? Set.of() : flowColumns();
        List<List<SqlFragment>> conjuncts = conjuncts(request, flowColumns);
        int split = splitCondition(request, conjuncts);
        List<SqlFragment> branches = new ArrayList<>();
        if (split < 0) {
            branches.add(andAll(conjuncts, -1, null));
        } else {
            for (SqlFragment alternative : conjuncts.get(split)) {
                branches.add(andAll(conjuncts, split, alternative));
            }
        }
        String keep = Long.toString((long) request.limit() + 1);
        String sql;
        List<Object> params = new ArrayList<>();
        String rows = WorkspaceSchema.ROWS_VIEW;
        String shown = "* EXCLUDE (" + helperColumns() + ")";
        if (narrow) {
            // an interface or time range skips most row groups: one pass is cheaper than two
            sql = "SELECT " + shown + " FROM " + rows + " WHERE " + branches.get(0).sql() + " ORDER BY \"start\" NULLS LAST, file_id, line LIMIT " + keep;
            params.addAll(branches.get(0).params());
        } else {
            StringBuilder hits = new StringBuilder();
            for (SqlFragment branch : branches) {
                if (hits.length() > 0) {
                    hits.append(" UNION ");
                }
                hits.append("SELECT * FROM (SELECT ").append(ROWID).append(", \"start\", file_id, line FROM ").append(rows)
                        .append(" WHERE ").append(branch.sql()).append(" ORDER BY ").append(ORDER).append(" LIMIT ").append(keep).append(')');
                params.addAll(branch.params());
            }
            sql = "SELECT " + shown + " FROM " + rows + " WHERE " + ROWID + " IN (SELECT " + ROWID + " FROM (" + hits
                    + ") ORDER BY " + ORDER + " LIMIT " + keep + ") ORDER BY " + ORDER;
        }
        // the second step reads the rows by id through a semi join; DuckDB turns the ids into an IN
        // filter on the scan (row groups without them skipped) only up to dynamic_or_filter_threshold
        // ids (default 50), else every column of every row is read
        String threshold = narrow ? null : raiseSetting("dynamic_or_filter_threshold", (long) request.limit() + 1);
        try {
            return read(request, sql, params);
        } finally {
            if (threshold != null) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET dynamic_or_filter_threshold = " + Long.parseLong(threshold));
                }
            }
        }
    }

    /** Sets a numeric setting to at least {@code value}; returns the value to restore, or null. */
    private String raiseSetting(String name, long value) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            String old = rs.getString(1);
            if (Long.parseLong(old) >= value) {
                return null;
            }
            st.execute("SET " + name + " = " + value);
            return old;
        } catch (SQLException | NumberFormatException e) {
            return null; // configuration locked or setting unknown: slower, same result
        }
    }

    private SearchResult read(SearchRequest request, String sql, List<Object> params) throws SQLException {
        List<Map<String, Object>> found = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            new SqlFragment("", params).bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                String[] names = new String[n + 1];
                for (int i = 1; i <= n; i++) {
                    names[i] = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                }
                while (rs.next()) {
                    if (found.size() == request.limit()) {
                        more = true;
                        break;
                    }
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        values.put(names[i], rs.getObject(i));
                    }
                    found.add(values);
                }
            }
        }
        Map<Object, String[]> files = files(found);
        List<FlowRow> rows = new ArrayList<>(found.size());
        for (Map<String, Object> values : found) {
            String[] file = files.getOrDefault(values.get("file_id"), NO_FILE);
            Object line = values.get("line");
            rows.add(new FlowRow(file[0], line == null ? 0 : ((Number) line).longValue(), (String) values.get("log_stream"), formats(file[1]).get(0),
                    values));
        }
        return new SearchResult(rows, more);
    }

    private static SqlFragment andAll(List<List<SqlFragment>> conjuncts, int replaced, SqlFragment alternative) {
        List<SqlFragment> parts = new ArrayList<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            parts.add(i == replaced ? alternative : FilterSql.or(conjuncts.get(i)));
        }
        return SqlFragment.and(parts);
    }

    /** Path and formats of the files of these rows, by file id. */
    private Map<Object, String[]> files(List<Map<String, Object>> rows) throws SQLException {
        Set<Object> ids = new LinkedHashSet<>();
        for (Map<String, Object> r : rows) {
            if (r.get("file_id") != null) {
                ids.add(r.get("file_id"));
            }
        }
        Map<Object, String[]> files = new HashMap<>();
        if (ids.isEmpty()) {
            return files;
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement("SELECT file_id, path, formats FROM files WHERE file_id IN (" + marks + ")")) {
            new SqlFragment("", new ArrayList<>(ids)).bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getObject(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return files;
    }

    /** The pattern as a condition: per group of files sharing a format. */
    SqlFragment patternSql(FilterPattern pattern) throws SQLException {
        List<SqlFragment> alternatives = patternAlternatives(pattern, flowColumns());
        return alternatives.isEmpty() ? SqlFragment.TRUE : FilterSql.or(alternatives);
    }

    /** The pattern as alternatives, one of which must hold (none: any record matches). */
    private List<SqlFragment> patternAlternatives(FilterPattern pattern, Set<String> flowColumns) throws SQLException {
        if (pattern instanceof FilterPattern.MatchAll) {
            return List.of();
        }
        PredicateSql toSql = new PredicateSql(flowColumns);
        List<String> groups = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1")) {
            while (rs.next()) {
                groups.add(rs.getString(1));
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        List<SqlFragment> sql = new ArrayList<>();
        boolean allTrue = true;
        for (String group : groups) {
            List<FieldPredicate> alternatives = new ArrayList<>();
            for (FlowFormat f : formats(group)) {
                alternatives.add(PatternCompiler.compile(pattern, f));
            }
            FieldPredicate p = alternatives.size() == 1 ? alternatives.get(0) : FieldPredicate.any(alternatives);
            if (groups.size() == 1) {
                if (p.equals(FieldPredicate.TRUE)) {
                    return List.of();
                }
                if (p instanceof FieldPredicate.AnyOf any) {
                    List<SqlFragment> parts = new ArrayList<>();
                    for (FieldPredicate part : any.parts()) {
                        parts.add(toSql.whereSql(part));
                    }
                    return parts;
                }
                return List.of(toSql.whereSql(p));
            }
            if (p.equals(FieldPredicate.TRUE)) {
                sql.add(new SqlFragment("file_id IN (SELECT file_id FROM files WHERE formats = ?)", List.of(group)));
                continue;
            }
            allTrue = false;
            if (p.equals(FieldPredicate.FALSE)) {
                continue;
            }
            SqlFragment cond = toSql.whereSql(p);
            List<Object> params = new ArrayList<>();
            params.add(group);
            params.addAll(cond.params());
            sql.add(new SqlFragment("file_id IN (SELECT file_id FROM files WHERE formats = ?) AND (" + cond.sql() + ")", params));
        }
        if (allTrue) {
            return List.of();
        }
        if (sql.isEmpty()) {
            return List.of(new SqlFragment("FALSE", List.of()));
        }
        return sql;
    }

    /** The columns {@code flow_rows} adds to those of {@code flows}, which a search does not show. */
    private static String helperColumns() {
        StringBuilder b = new StringBuilder(ROWID);
        for (FlowField f : WorkspaceSchema.addressFields()) {
            for (String[] c : WorkspaceSchema.physicalColumns(f)) {
                b.append(", ").append(c[0]);
            }
        }
        return b.toString();
    }

    private Set<String> flowColumns() throws SQLException {
        Set<String> cols = new HashSet<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'"
                        + " AND table_name = 'flows'")) {
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
