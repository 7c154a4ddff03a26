package dev.flowlens.store.query;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.store.DuckDbErrors;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Read-only SQL over a workspace for {@code flowlens sql}. The table {@code flows} has the Athena
 * column names ({@code srcaddr}, {@code log_status}, {@code "end"}), so Athena queries run with at
 * most a table-name change.
 *
 * <p>Two guards: the statement must be one query (SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE,
 * SHOW, SUMMARIZE, EXPLAIN, PIVOT, UNPIVOT), and the database itself refuses the rest: the file is
 * opened read-only with {@code enable_external_access=false} (no file, network, ATTACH, COPY or
 * extension access) and the configuration is locked so no SET or PRAGMA can undo it
 * ({@link QueryLimits#lockDown}). Rows stream to a {@link RowSink}; {@link QueryControl} cancels.
 */
public final class SqlRunner implements AutoCloseable {
    private static final Set<String> QUERY_STARTS = Set.of(
            "select",
            "with",
            "from",
            "values",
            "table",
            "describe",
            "show",
            "summarize",
            "explain",
            "pivot",
            "unpivot",
            "(");
    private final Workspace workspace;
    private final QueryLimits limits;

    private SqlRunner(Workspace workspace, QueryLimits limits) {
        this.workspace = workspace;
        this.limits = limits;
    }

    /** Opens the workspace read-only for SQL, without limits (tests, benchmarks). */
    public static SqlRunner open(Path workspace) {
        return open(workspace, QueryLimits.NONE);
    }

    /** Opens the workspace read-only for SQL under {@code limits}, locked down ({@link QueryLimits#lockDown}). */
    public static SqlRunner open(Path workspace, QueryLimits limits) {
        Workspace ws;
        try {
            ws = Workspace.openForQueries(workspace);
        } catch (SQLException e) {
            throw new WorkspaceException(
                    "cannot open workspace " + workspace.toAbsolutePath() + " read-only: " + DuckDbErrors.firstLine(e),
                    e);
        }
        try {
            limits.lockDown(ws.connection());
        } catch (SQLException e) {
            try {
                ws.close();
            } catch (SQLException ignored) {
                // the first error is the one to report
            }
            throw new WorkspaceException(
                    "cannot open workspace " + workspace.toAbsolutePath() + " for SQL: " + DuckDbErrors.firstLine(e),
                    e);
        }
        return new SqlRunner(ws, limits);
    }

    /** Runs one read-only statement and returns at most {@code maxRows} rows. */
    public QueryResult run(String sql, int maxRows) {
        CollectingSink rows = new CollectingSink();
        try (QueryControl control = new QueryControl(QueryLimits.NONE)) {
            stream(sql, maxRows, rows, control);
        }
        return rows.result();
    }

    /**
     * Runs one read-only statement and hands at most {@code maxRows} rows to {@code sink} as they come.
     * The statement is registered with {@code control}, which may cancel it (its timeout, a signal).
     */
    public Streamed stream(String sql, long maxRows, RowSink sink, QueryControl control) {
        String statement = checkReadOnly(sql);
        control.recoverLostErrorsOn(workspace.materialisingConnection());
        try (Statement st = workspace.connection().createStatement()) {
            control.register(st);
            try (ResultSet rs = st.executeQuery(statement)) {
                return QueryRunner.stream(rs, maxRows, sink, control, null);
            }
        } catch (SQLException e) {
            throw control.failure(e, "the SQL failed", statement, List.of());
        }
    }

    public QueryLimits limits() {
        return limits;
    }

    /** The statement without a trailing semicolon, or an SQL_REFUSED error saying why it cannot run. */
    static String checkReadOnly(String sql) {
        String s = sql == null ? "" : sql.strip();
        int end = statementEnd(s);
        String rest = s.substring(end).strip();
        if (end < s.length()
                && !(rest.equals(";") || stripComments(rest.substring(1)).isBlank())) {
            throw new FlowlensException(
                    ErrorCode.SQL_REFUSED,
                    "refused: give exactly one statement (found more after the ';' at character " + (end + 1) + ")");
        }
        String stmt = s.substring(0, end).strip();
        String body = stripComments(stmt).stripLeading();
        if (body.isEmpty()) {
            throw new FlowlensException(
                    ErrorCode.SQL_REFUSED, "empty SQL: write a query such as 'SELECT count(*) FROM flows'");
        }
        int w = 0;
        while (w < body.length() && (Character.isLetter(body.charAt(w)) || (w == 0 && body.charAt(w) == '('))) {
            w++;
            if (body.charAt(0) == '(') {
                break;
            }
        }
        String first = body.substring(0, w).toLowerCase(Locale.ROOT);
        if (!QUERY_STARTS.contains(first)) {
            throw new FlowlensException(
                    ErrorCode.SQL_REFUSED,
                    "refused: flowlens sql runs read-only queries (SELECT, WITH, ...), not "
                            + first.toUpperCase(Locale.ROOT) + "; the workspace is changed only by 'flowlens ingest'");
        }
        return stmt;
    }

    /** Index of the first ';' outside quotes and comments, or the length. */
    private static int statementEnd(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int j = s.indexOf(c, i + 1);
                while (j > 0 && j + 1 < s.length() && s.charAt(j + 1) == c) {
                    j = s.indexOf(c, j + 2);
                }
                if (j < 0) {
                    return s.length();
                }
                i = j + 1;
            } else if (s.startsWith("--", i)) {
                int j = s.indexOf('\n', i);
                i = j < 0 ? s.length() : j;
            } else if (s.startsWith("/*", i)) {
                int j = s.indexOf("*/", i + 2);
                i = j < 0 ? s.length() : j + 2;
            } else if (c == ';') {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static String stripComments(String s) {
        String t = s.strip();
        while (true) {
            if (t.startsWith("--")) {
                int j = t.indexOf('\n');
                t = j < 0 ? "" : t.substring(j + 1).strip();
            } else if (t.startsWith("/*")) {
                int j = t.indexOf("*/");
                t = j < 0 ? "" : t.substring(j + 2).strip();
            } else {
                return t;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        workspace.close();
    }
}
