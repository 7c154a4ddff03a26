package dev.flowlens.web;

import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the server shares the workspace with the command line: it holds the DuckDB file read-only only
 * while it answers. The first request in flight opens it, every request works on its own duplicate
 * connection, and the last one to finish closes it; so between requests no lock is held and
 * {@code flowlens ingest} from another terminal can write, and the next request sees the new data.
 */
public final class WorkspaceAccess {
    /** Work done with a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Work done with the workspace open for writing. */
    @FunctionalInterface
    public interface WriteWork<T> {
        T apply(Workspace workspace) throws SQLException;
    }

    private final Path file;
    private Workspace open;
    private int users;

    public WorkspaceAccess(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} on a read-only connection to the workspace. */
    public <T> T read(Work<T> work) throws SQLException {
        Connection c = acquire();
        try {
            return work.apply(c);
        } finally {
            try {
                c.close();
            } finally {
                release();
            }
        }
    }

    /**
     * Runs {@code work} with the workspace open for writing: waits for the requests in flight, and
     * requests arriving meanwhile wait for it.
     */
    public synchronized <T> T write(WriteWork<T> work) throws SQLException {
        return alone(() -> {
            try (Workspace w = Workspace.open(file)) {
                return work.apply(w);
            }
        });
    }

    /** Work that opens the workspace itself. */
    @FunctionalInterface
    public interface OwnWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work}, which opens the file itself with another configuration (DuckDB refuses two
     * configurations of one file in a process), when no request holds it; requests arriving meanwhile
     * wait.
     */
    public synchronized <T> T alone(OwnWork<T> work) throws SQLException {
        while (users > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the requests in flight", e);
            }
        }
        return work.run();
    }

    private synchronized Connection acquire() throws SQLException {
        if (open == null) {
            open = Workspace.openReadOnly(file);
        }
        try {
            Connection c = open.newConnection();
            users++;
            return c;
        } catch (SQLException e) {
            if (users == 0) {
                closeShared();
            }
            throw e;
        }
    }

    private synchronized void release() throws SQLException {
        users--;
        if (users == 0) {
            closeShared();
            notifyAll();
        }
    }

    private void closeShared() throws SQLException {
        Workspace w = open;
        open = null;
        if (w != null) {
            w.close();
        }
    }

    /** Whether the server holds the file open now (for tests of the coexistence rule). */
    public synchronized boolean isOpen() {
        return open != null;
    }
}
