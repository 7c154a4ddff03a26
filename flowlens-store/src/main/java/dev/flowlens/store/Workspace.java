package dev.flowlens.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * A Flowlens workspace: one DuckDB database file holding the flows, the catalog of files and the
 * bad lines. Opening creates the tables when missing. Not thread-safe; use {@link #newConnection()}
 * for work on other threads.
 */
public final class Workspace implements AutoCloseable {
    private final Path file;
    private final DuckDBConnection connection;

    private Workspace(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the workspace at {@code file}. */
    public static Workspace open(Path file) throws SQLException {
        return open(file, false);
    }

    /** Opens an existing workspace read-only (several processes may read at once). */
    public static Workspace openReadOnly(Path file) throws SQLException {
        return open(file, true);
    }

    private static Workspace open(Path file, boolean readOnly) throws SQLException {
        Path abs = file.toAbsolutePath();
        if (readOnly && !Files.exists(abs)) {
            throw new WorkspaceException("no workspace at " + abs + ": run 'flowlens ingest' or 'flowlens demo' first");
        }
        if (!readOnly && abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
            throw new WorkspaceException("cannot create workspace " + abs + ": folder " + abs.getParent() + " does not exist");
        }
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        DuckDBConnection c;
        try {
            c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs, props);
        } catch (SQLException e) {
            throw new WorkspaceException("cannot open workspace " + abs + ": " + firstLine(e.getMessage()), e);
        }
        Workspace w = new Workspace(abs, c);
        try {
            if (!readOnly) {
                try (Statement st = c.createStatement()) {
                    for (String sql : WorkspaceSchema.createStatements()) {
                        st.execute(sql);
                    }
                }
                WorkspaceSchema.migrate(c);
                WorkspaceSchema.refreshView(c); // also gives views written by an older Flowlens this version's SQL
            } else if (schemaVersion(c) < WorkspaceSchema.VERSION) {
                // written by an older Flowlens: upgrade it once through a writable connection
                c.close();
                open(abs, false).close();
                return open(abs, true);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new WorkspaceException("cannot open workspace " + abs + ": " + firstLine(e.getMessage()), e);
        }
        return w;
    }

    private static int schemaVersion(Connection c) {
        try {
            return WorkspaceSchema.storedVersion(c);
        } catch (SQLException | NumberFormatException e) {
            return WorkspaceSchema.VERSION; // not a workspace: the queries say so
        }
    }

    public Path file() {
        return file;
    }

    public DuckDBConnection connection() {
        return connection;
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
