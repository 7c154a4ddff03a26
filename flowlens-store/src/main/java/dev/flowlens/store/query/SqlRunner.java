package dev.flowlens.store.query;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.store.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Read-only SQL over a workspace for {@code flowlens sql}. The table {@code flows} has the Athena
 * column names ({@code srcaddr}, {@code log_status}, {@code "end"}), so Athena queries run with at
 * most a table-name change.
 *
 * <p>Two guards: the statement must be one query (SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE,
 * SHOW, SUMMARIZE, EXPLAIN, PIVOT, UNPIVOT), and the database itself refuses the rest: the file is
 * opened read-only with {@code enable_external_access=false} (no file, network, ATTACH, COPY or
 * extension access) and the configuration is locked so no SET or PRAGMA can undo it.
 */
public final class SqlRunner implements AutoCloseable {
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "from", "values", "table", "describe", "show", "summarize",
            "explain", "pivot", "unpivot", "(");
    private final Connection connection;

    private SqlRunner(Connection connection) {
        this.connection = connection;
    }

    public static SqlRunner open(Path workspace) {
        Path abs = workspace.toAbsolutePath();
        if (!Files.exists(abs)) {
            throw new WorkspaceException("no workspace at " + abs + ": run 'flowlens ingest' or 'flowlens demo' first");
        }
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        p.setProperty("enable_external_access", "false");
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("allow_community_extensions", "false");
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + abs, p);
            try (Statement st = c.createStatement()) {
                st.execute("SET lock_configuration = true");
            }
            return new SqlRunner(c);
        } catch (SQLException e) {
            throw new WorkspaceException("cannot open workspace " + abs + " read-only: " + QueryRunner.firstLine(e.getMessage()), e);
        }
    }

    /** Runs one read-only statement and returns at most {@code maxRows} rows. */
    public QueryResult run(String sql, int maxRows) {
        String statement = checkReadOnly(sql);
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(statement)) {
                return QueryRunner.read(rs, maxRows);
            }
        } catch (SQLException e) {
            String msg = QueryRunner.firstLine(e.getMessage());
            if (msg.contains("Permission Error") || msg.contains("read-only mode") || msg.contains("configuration has been locked")) {
                throw new FlowlensException(ErrorCode.SQL_REFUSED, "refused: flowlens sql only reads the workspace (" + msg + ")", e);
            }
            throw new FlowlensException(ErrorCode.QUERY_FAILED, "the SQL failed: " + msg, e);
        }
    }

    /** The statement without a trailing semicolon, or an SQL_REFUSED error saying why it cannot run. */
    static String checkReadOnly(String sql) {
        String s = sql == null ? "" : sql.strip();
        int end = statementEnd(s);
        String rest = s.substring(end).strip();
        if (end < s.length() && !(rest.equals(";") || stripComments(rest.substring(1)).isBlank())) {
            throw new FlowlensException(ErrorCode.SQL_REFUSED, "refused: give exactly one statement (found more after the ';' at character " + (end + 1) + ")");
        }
        String stmt = s.substring(0, end).strip();
        String body = stripComments(stmt).stripLeading();
        if (body.isEmpty()) {
            throw new FlowlensException(ErrorCode.SQL_REFUSED, "empty SQL: write a query such as 'SELECT count(*) FROM flows'");
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
            throw new FlowlensException(ErrorCode.SQL_REFUSED, "refused: flowlens sql runs read-only queries (SELECT, WITH, ...), not "
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
        connection.close();
    }
}
