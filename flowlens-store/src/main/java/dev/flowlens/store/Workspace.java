package dev.flowlens.store;

import dev.flowlens.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * A Flowlens workspace: one DuckDB database file holding the flows, the catalog of files and the
 * bad lines. Opening creates the tables when missing. Not thread-safe; use {@link #newConnection()}
 * for work on other threads.
 */
public final class Workspace implements AutoCloseable {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final DuckDBConnection connection;
    private final DuckDBConnection materialising;

    private Workspace(DuckDBConnection connection, DuckDBConnection materialising) {
        this.connection = connection;
        this.materialising = materialising;
    }

    /** Opens (creating if needed) the workspace at {@code file}. */
    public static Workspace open(Path file) throws SQLException {
        return open(file, false);
    }

    /** Opens an existing workspace read-only (several processes may read at once). */
    public static Workspace openReadOnly(Path file) throws SQLException {
        return open(file, true, false);
    }

    /**
     * Opens an existing workspace read-only for queries whose results may be of any size: DuckDB
     * streams their rows chunk by chunk instead of materialising the whole result first. A query on
     * the same connection ends a result still being read, so use {@link #newConnection()} for
     * lookups while reading one.
     */
    public static Workspace openForQueries(Path file) throws SQLException {
        return open(file, true, true);
    }

    private static Workspace open(Path file, boolean readOnly) throws SQLException {
        return open(file, readOnly, false);
    }

    private static Workspace open(Path file, boolean readOnly, boolean stream) throws SQLException {
        Path abs = file.toAbsolutePath();
        if (readOnly && !Files.exists(abs)) {
            throw new WorkspaceException("no workspace at " + abs + ": run 'flowlens ingest' or 'flowlens demo' first");
        }
        if (!readOnly && abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
            throw new WorkspaceException(
                    "cannot create workspace " + abs + ": folder " + abs.getParent() + " does not exist");
        }
        checkDatabaseFile(abs);
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        // never reach out: a file DuckDB would open with an extension (SQLite, ...) must not make it
        // download one; nothing Flowlens runs needs an extension that is not built in
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        props.setProperty("allow_community_extensions", "false");
        if (stream) {
            props.setProperty("jdbc_stream_results", "true");
        }
        DuckDBConnection c;
        try {
            c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs, props);
        } catch (SQLException e) {
            throw openFailure(abs, e);
        }
        DuckDBConnection materialising = null;
        try {
            checkFlowlensTables(abs, c, readOnly);
            if (!readOnly) {
                try (Statement st = c.createStatement()) {
                    for (String sql : WorkspaceSchema.createStatements()) {
                        st.execute(sql);
                    }
                }
                WorkspaceSchema.migrate(c);
                FlowRollup.ensure(c);
                WorkspaceSchema.refreshView(c); // also gives views written by an older Flowlens this version's SQL
            } else if (schemaVersion(c) < WorkspaceSchema.VERSION) {
                // written by an older Flowlens: upgrade it once through a writable connection
                c.close();
                open(abs, false).close();
                return open(abs, true, stream);
            }
            if (stream) {
                // made now, before a caller locks the configuration: a session setting of its own
                materialising = c.duplicate();
                try (Statement st = materialising.createStatement()) {
                    st.execute("SET SESSION jdbc_stream_results = false");
                }
            }
        } catch (SQLException e) {
            if (materialising != null) {
                closeQuietly(materialising);
            }
            closeQuietly(c);
            throw new WorkspaceException("cannot open workspace " + abs + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return new Workspace(c, materialising == null ? c : materialising);
    }

    /** DuckDB database files carry "DUCK" at byte 8; anything else is refused before DuckDB sees it. */
    private static void checkDatabaseFile(Path abs) {
        if (!Files.exists(abs)) {
            return;
        }
        if (Files.isDirectory(abs)) {
            throw notAWorkspace(abs, "it is a folder", null);
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(abs)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new WorkspaceException("cannot read workspace " + abs + ": " + e.getMessage(), e);
        }
        if (n >= 12 && head[8] == 'D' && head[9] == 'U' && head[10] == 'C' && head[11] == 'K') {
            return;
        }
        String what = n == 0
                ? "the file is empty"
                : startsWith(head, n, SQLITE_MAGIC) ? "it is a SQLite database" : "it is not a DuckDB database file";
        throw notAWorkspace(abs, what, null);
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Flowlens workspace has the table {@code flowlens_meta} (every version had it). A DuckDB file
     * without it is someone else's database: read nothing from it and write nothing into it, unless it
     * is empty (then it becomes a workspace).
     */
    private static void checkFlowlensTables(Path abs, Connection c, boolean readOnly) throws SQLException {
        long meta;
        long others;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FILTER (WHERE table_name = 'flowlens_meta'), count(*) FROM duckdb_tables()"
                                + " WHERE database_name = current_database()")) {
            rs.next();
            meta = rs.getLong(1);
            others = rs.getLong(2) - meta;
        }
        if (meta > 0 || (!readOnly && others == 0)) {
            return;
        }
        throw notAWorkspace(
                abs,
                others == 0 ? "it is an empty DuckDB database" : "it is a DuckDB database without Flowlens tables",
                null);
    }

    private static WorkspaceException notAWorkspace(Path abs, String why, Throwable cause) {
        return new WorkspaceException(
                ErrorCode.NOT_A_WORKSPACE,
                abs + " is not a Flowlens workspace (" + why
                        + "): give another file with --db, or a new file name to create a workspace with 'flowlens ingest'",
                cause);
    }

    /** Why DuckDB could not open the file, as a typed error. */
    private static WorkspaceException openFailure(Path abs, SQLException e) {
        if (DuckDbErrors.kind(e) == DuckDbErrors.Kind.LOCK_CONFLICT) {
            OptionalLong pid = DuckDbErrors.lockHolderPid(e);
            String who = pid.isPresent() ? "another process (PID " + pid.getAsLong() + ")" : "another process";
            String stop = pid.isPresent() ? "stop it (kill " + pid.getAsLong() + ")" : "stop it";
            return new WorkspaceException(
                    ErrorCode.WORKSPACE_BUSY,
                    "workspace " + abs + " is in use by " + who
                            + ", probably another Flowlens command (an ingest holds it until it ends): wait for it to finish, or "
                            + stop
                            + ", then run this again",
                    e);
        }
        return new WorkspaceException("cannot open workspace " + abs + ": " + firstLine(e.getMessage()), e);
    }

    private static int schemaVersion(Connection c) {
        try {
            return WorkspaceSchema.storedVersion(c);
        } catch (SQLException | NumberFormatException e) {
            return WorkspaceSchema.VERSION; // not a workspace: the queries say so
        }
    }

    public DuckDBConnection connection() {
        return connection;
    }

    /**
     * A connection to the same database whose results are materialised, never streamed: the same
     * as {@link #connection()} unless opened with {@link #openForQueries}. Its only use is to learn
     * an error the driver lost ({@link DuckDbErrors.Kind#LOST}).
     */
    public DuckDBConnection materialisingConnection() {
        return materialising;
    }

    /** Another connection to the same database, for another thread. */
    public DuckDBConnection newConnection() throws SQLException {
        return connection.duplicate();
    }

    /** Runs a statement that returns nothing. Only for SQL Flowlens writes itself. */
    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first line of a (multi-line) database error message. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void close() throws SQLException {
        if (materialising != connection) {
            closeQuietly(materialising);
        }
        connection.close();
    }

    /** Closes a connection of this workspace quietly. */
    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after an error: the first error is the one to report
        }
    }
}
