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
import dev.flowlens.store.query.QueryControl;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

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

    /** The records found, all in memory: for small limits and tests; {@link #stream} for any size. */
    public SearchResult search(SearchRequest request) {
        List<FlowRow> rows = new ArrayList<>();
        boolean more;
        try (QueryControl control = QueryControl.untimed()) {
            more = stream(request, rows::add, control);
        }
        return new SearchResult(rows, more);
    }

    /**
     * Hands the records found to {@code sink} one at a time, in order, as the database produces
     * them; returns whether more records matched than the limit let through. Nothing is held in
     * between but the paths and formats of the files seen, so any limit runs in bounded memory.
     */
    public boolean stream(SearchRequest request, Consumer<FlowRow> sink, QueryControl control) {
        Plan plan;
        try {
            plan = plan(request);
        } catch (SQLException e) {
            throw control.failure(e, "search failed");
        }
        try {
            String threshold =
                    plan.narrow() ? null : raiseSetting("dynamic_or_filter_threshold", (long) request.limit() + 1);
            try {
                return read(request, plan, sink, control);
            } finally {
                if (threshold != null) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("SET dynamic_or_filter_threshold = " + Long.parseLong(threshold));
                    }
                }
            }
        } catch (SQLException e) {
            throw control.failure(e, "search failed", plan.sql(), plan.params());
        }
    }

    /**
     * The formats of the files of the records a search finds (what decides the columns of its
     * CSV and JSON output), without reading the records.
     */
    public List<FlowFormat> formatsFound(SearchRequest request) {
        try {
            Plan plan = plan(request);
            List<FlowFormat> found = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT DISTINCT formats FROM files WHERE file_id IN (SELECT file_id FROM (" + plan.sql()
                            + ") LIMIT " + request.limit() + ") ORDER BY 1")) {
                new SqlFragment("", plan.params()).bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (FlowFormat f : formats(rs.getString(1))) {
                            if (!found.contains(f)) {
                                found.add(f);
                            }
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new FlowlensException(ErrorCode.QUERY_FAILED, "search failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The statement of a search and its parameters; narrow: one pass (an interface, a time range or files). */
    private record Plan(String sql, List<Object> params, boolean narrow) {}

    /** The WHERE condition over {@code flows} for a request (for tests and EXPLAIN). */
    public SqlFragment where(SearchRequest request) throws SQLException {
        List<SqlFragment> parts = new ArrayList<>();
        for (List<SqlFragment> alternatives : conjuncts(request, flowColumns())) {
            parts.add(SqlFragment.or(alternatives));
        }
        return SqlFragment.and(parts);
    }

    /** The request as conditions that must all hold, each as its alternatives. */
    private List<List<SqlFragment>> conjuncts(SearchRequest request, Set<String> flowColumns) throws SQLException {
        List<List<SqlFragment>> parts = new ArrayList<>(FilterSql.conjuncts(request.filter()));
        if (!request.files().isEmpty()) {
            String marks = String.join(", ", Collections.nCopies(request.files().size(), "?"));
            parts.add(List.of(new SqlFragment(
                    "file_id IN (SELECT file_id FROM files WHERE path IN (" + marks + "))",
                    new ArrayList<>(request.files()))));
        }
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
        if (!f.enis().isEmpty()
                || f.from() != null
                || f.to() != null
                || !request.files().isEmpty()) {
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
    private Plan plan(SearchRequest request) throws SQLException {
        FlowFilter f = request.filter();
        boolean narrow = !f.enis().isEmpty()
                || f.from() != null
                || f.to() != null
                || !request.files().isEmpty();
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
            sql = "SELECT " + shown + " FROM " + rows + " WHERE "
                    + branches.get(0).sql() + " ORDER BY \"start\" NULLS LAST, file_id, line LIMIT " + keep;
            params.addAll(branches.get(0).params());
        } else {
            StringBuilder hits = new StringBuilder();
            for (SqlFragment branch : branches) {
                if (hits.length() > 0) {
                    hits.append(" UNION ");
                }
                hits.append("SELECT * FROM (SELECT ")
                        .append(ROWID)
                        .append(", \"start\", file_id, line FROM ")
                        .append(rows)
                        .append(" WHERE ")
                        .append(branch.sql())
                        .append(" ORDER BY ")
                        .append(ORDER)
                        .append(" LIMIT ")
                        .append(keep)
                        .append(')');
                params.addAll(branch.params());
            }
            sql = "SELECT " + shown + " FROM " + rows + " WHERE " + ROWID + " IN (SELECT " + ROWID + " FROM (" + hits
                    + ") ORDER BY " + ORDER + " LIMIT " + keep + ") ORDER BY " + ORDER;
        }
        // the second step reads the rows by id through a semi join; DuckDB turns the ids into an IN
        // filter on the scan (row groups without them skipped) only up to dynamic_or_filter_threshold
        // ids (default 50), else every column of every row is read: stream() raises it
        return new Plan(sql, params, narrow);
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

    private boolean read(SearchRequest request, Plan plan, Consumer<FlowRow> sink, QueryControl control)
            throws SQLException {
        try (FileLookup files = new FileLookup(connection);
                PreparedStatement ps = connection.prepareStatement(plan.sql())) {
            new SqlFragment("", plan.params()).bind(ps, 1);
            control.register(ps);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                String[] names = new String[n + 1];
                for (int i = 1; i <= n; i++) {
                    names[i] = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                }
                long count = 0;
                while (rs.next()) {
                    control.check();
                    if (count == request.limit()) {
                        return true;
                    }
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        values.put(names[i], rs.getObject(i));
                    }
                    String[] file = files.get(values.get("file_id"));
                    Object line = values.get("line");
                    sink.accept(new FlowRow(
                            file[0],
                            line == null ? 0 : ((Number) line).longValue(),
                            (String) values.get("log_stream"),
                            formats(file[1]).get(0),
                            values));
                    count++;
                }
                control.check();
                return false;
            }
        }
    }

    /**
     * Path and formats of files by id, looked up as rows name them, through a second connection:
     * a query on the searching connection would end its streaming result.
     */
    private static final class FileLookup implements AutoCloseable {
        private final Connection source;
        private final Map<Object, String[]> known = new HashMap<>();
        private Connection lookup;
        private PreparedStatement byId;

        FileLookup(Connection source) {
            this.source = source;
        }

        String[] get(Object fileId) throws SQLException {
            if (fileId == null) {
                return NO_FILE;
            }
            String[] file = known.get(fileId);
            if (file != null) {
                return file;
            }
            if (byId == null) {
                lookup = source instanceof DuckDBConnection d
                        ? d.duplicate()
                        : source.unwrap(DuckDBConnection.class).duplicate();
                byId = lookup.prepareStatement("SELECT path, formats FROM files WHERE file_id = ?");
            }
            byId.setObject(1, fileId);
            file = NO_FILE;
            try (ResultSet rs = byId.executeQuery()) {
                if (rs.next()) {
                    file = new String[] {rs.getString(1), rs.getString(2)};
                }
            }
            known.put(fileId, file);
            return file;
        }

        @Override
        public void close() throws SQLException {
            if (lookup != null) {
                byId.close();
                lookup.close();
            }
        }
    }

    private static SqlFragment andAll(List<List<SqlFragment>> conjuncts, int replaced, SqlFragment alternative) {
        List<SqlFragment> parts = new ArrayList<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            parts.add(i == replaced ? alternative : SqlFragment.or(conjuncts.get(i)));
        }
        return SqlFragment.and(parts);
    }

    /** The pattern as a condition: per group of files sharing a format. */
    SqlFragment patternSql(FilterPattern pattern) throws SQLException {
        List<SqlFragment> alternatives = patternAlternatives(pattern, flowColumns());
        return alternatives.isEmpty() ? SqlFragment.TRUE : SqlFragment.or(alternatives);
    }

    /** The pattern as alternatives, one of which must hold (none: any record matches). */
    private List<SqlFragment> patternAlternatives(FilterPattern pattern, Set<String> flowColumns) throws SQLException {
        if (pattern instanceof FilterPattern.MatchAll) {
            return List.of();
        }
        PredicateSql toSql = new PredicateSql(flowColumns);
        List<String> groups = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT DISTINCT formats FROM files WHERE formats IS NOT NULL AND formats <> '' ORDER BY 1")) {
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
            sql.add(new SqlFragment(
                    "file_id IN (SELECT file_id FROM files WHERE formats = ?) AND (" + cond.sql() + ")", params));
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
                ResultSet rs = st.executeQuery(
                        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'"
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
