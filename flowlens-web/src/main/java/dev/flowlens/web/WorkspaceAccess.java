package dev.flowlens.web;

import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How the server shares the workspace with the command line: it holds the DuckDB file read-only only
 * while it answers. The first request in flight opens it, every request works on its own duplicate
 * connection, and the file is closed when the last one has finished and {@code linger} has passed
 * without another (so the requests of one page share one opening); between pages no lock is held,
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
    private final Duration linger;
    private final ScheduledExecutorService closer;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private Workspace open;
    private int users;

    /** Closes the file as soon as no request holds it. */
    public WorkspaceAccess(Path file) {
        this(file, Duration.ZERO);
    }

    /** Closes the file {@code linger} after the last request finished, unless another came meanwhile. */
    public WorkspaceAccess(Path file, Duration linger) {
        this.file = file.toAbsolutePath();
        this.linger = linger;
        this.closer = linger.isZero()
                ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "flowlens-workspace-closer");
                    t.setDaemon(true);
                    return t;
                });
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
        closeShared();
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
            if (closer == null) {
                closeShared();
            } else {
                closer.schedule(this::closeIfIdleQuietly, linger.toMillis(), TimeUnit.MILLISECONDS);
            }
            notifyAll();
        }
    }

    /** Runs {@code action} each time the server closes its opening of the file, before it does. */
    void onClose(Runnable action) {
        onClose.add(action);
    }

    private void closeShared() throws SQLException {
        Workspace w = open;
        open = null;
        if (w != null) {
            onClose.forEach(Runnable::run);
            w.close();
        }
    }

    /** Closes the file now if no request holds it (the closer calls this after {@code linger}). */
    public synchronized void closeIfIdle() throws SQLException {
        if (users == 0) {
            closeShared();
        }
    }

    private void closeIfIdleQuietly() {
        try {
            closeIfIdle();
        } catch (SQLException e) {
            // closing a read-only connection; the next request opens it again
        }
    }

    /** Whether the server holds the file open now (for tests of the coexistence rule). */
    public synchronized boolean isOpen() {
        return open != null;
    }
}
