package dev.flowlens.store.query;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.store.DuckDbErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels the statement a command is running: from a timer ({@code --timeout}) or from another
 * thread (a shutdown hook on Ctrl-C or SIGTERM). The command registers each statement it runs;
 * {@link #failure} turns the database's error into the reason the query was cancelled. Rows are
 * read with {@link #check()} between them, so a result that is already streaming stops too.
 */
public final class QueryControl implements AutoCloseable {
    /** Why a query was cancelled. */
    public enum Reason {
        TIMEOUT,
        STOPPED
    }

    private final long timeoutSeconds;
    private final QueryLimits limits;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private Statement running;
    private volatile Reason cancelled;
    private Connection materialising;
    private final java.util.List<Runnable> onClose = new java.util.ArrayList<>();

    public QueryControl(QueryLimits limits) {
        this.limits = limits;
        this.timeoutSeconds = limits.timeoutSeconds();
    }

    /** No timeout; cancelled only through {@link #cancel}. */
    public static QueryControl untimed() {
        return new QueryControl(QueryLimits.NONE);
    }

    /**
     * Where to run a statement again to learn the error the driver lost (a streamed statement that
     * failed before its first row): a connection that materialises results.
     */
    public QueryControl recoverLostErrorsOn(Connection connection) {
        this.materialising = connection;
        return this;
    }

    public QueryLimits limits() {
        return limits;
    }

    /** Registers the statement about to run, and starts the timeout with the first one. */
    public synchronized void register(Statement statement) {
        running = statement;
        if (cancelled != null) {
            cancelNow();
            return;
        }
        if (timeoutSeconds > 0 && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "flowlens-query-timeout");
                t.setDaemon(true);
                return t;
            });
            pending = timer.schedule(() -> cancel(Reason.TIMEOUT), timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    /** Cancels the running statement (and any registered later). Safe from any thread. */
    public synchronized void cancel(Reason reason) {
        if (cancelled == null) {
            cancelled = reason;
        }
        cancelNow();
    }

    private void cancelNow() {
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // the statement ended or closed meanwhile: the flag stops the reading of rows
            }
        }
    }

    /** Runs {@code action} when this control is closed (e.g. removes a shutdown hook). */
    public synchronized void onClose(Runnable action) {
        onClose.add(action);
    }

    /** Null while running; else why the query was cancelled. */
    public Reason cancelled() {
        return cancelled;
    }

    /** Throws the cancellation error once the query was cancelled; call between rows. */
    public void check() {
        if (cancelled != null) {
            throw cancellation(null);
        }
    }

    /** The error to report for a database error while running a query: why it was cancelled, or what failed. */
    public FlowlensException failure(SQLException e, String what) {
        return failure(e, what, null, List.of());
    }

    /**
     * The error to report for a database error while running {@code sql} with {@code params}: why
     * it was cancelled, or what failed. When the driver lost the error, the statement runs once more
     * on the {@link #recoverLostErrorsOn materialising connection} (under the same timeout) to learn it.
     */
    public FlowlensException failure(SQLException first, String what, String sql, List<Object> params) {
        SQLException e = first;
        if (cancelled == null
                && sql != null
                && materialising != null
                && DuckDbErrors.kind(e) == DuckDbErrors.Kind.LOST) {
            e = rerun(first, sql, params);
        }
        if (cancelled != null) {
            return cancellation(e);
        }
        return switch (DuckDbErrors.kind(e)) {
            case OUT_OF_MEMORY ->
                new FlowlensException(
                        ErrorCode.QUERY_OUT_OF_MEMORY,
                        "the query needs more memory than allowed ("
                                + (limits.memoryLimit() == null
                                        ? "DuckDB's default memory limit"
                                        : "--memory-limit " + limits.memoryLimit())
                                + (limits.maxTempSize() == null ? "" : ", --max-temp-size " + limits.maxTempSize())
                                + "): narrow it (filter, LIMIT, fewer groups) or raise --memory-limit / --max-temp-size ("
                                + DuckDbErrors.firstLine(e) + ")",
                        e);
            case INTERRUPTED -> cancellation(e);
            case REFUSED ->
                new FlowlensException(
                        ErrorCode.SQL_REFUSED,
                        "refused: Flowlens only reads the workspace (" + DuckDbErrors.firstLine(e) + ")",
                        e);
            case LOCK_CONFLICT, LOST, OTHER ->
                new FlowlensException(ErrorCode.QUERY_FAILED, what + ": " + DuckDbErrors.firstLine(e), e);
        };
    }

    private SQLException rerun(SQLException lost, String sql, List<Object> params) {
        try (PreparedStatement ps = materialising.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            register(ps);
            ps.executeQuery().close();
            return lost; // it ran this time: nothing more to learn
        } catch (SQLException e) {
            return e;
        }
    }

    private FlowlensException cancellation(Throwable cause) {
        Reason r = cancelled == null ? Reason.STOPPED : cancelled;
        String message = switch (r) {
            case TIMEOUT ->
                "query cancelled after " + timeoutSeconds
                        + " s (--timeout): narrow it, or raise --timeout (0 = no limit)";
            case STOPPED -> "query cancelled: Flowlens was stopped (Ctrl-C or SIGTERM)";
        };
        return new FlowlensException(ErrorCode.QUERY_CANCELLED, message, cause);
    }

    @Override
    public synchronized void close() {
        running = null;
        if (pending != null) {
            pending.cancel(false);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Runnable r : onClose) {
            r.run();
        }
        onClose.clear();
    }
}
