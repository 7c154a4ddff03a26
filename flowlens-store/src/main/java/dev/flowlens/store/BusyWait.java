package dev.flowlens.store;

import dev.flowlens.core.error.ErrorCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long opening a workspace waits while another process holds it (an ingest, a {@code serve}
 * answering a page or building its sums), and whom it tells that it waits. DuckDB lets one process
 * write a file and keeps writers out while another reads it; instead of failing at once, an opening
 * tries again every {@link #RETRY} until {@code max} has passed, then fails with the holder's PID as
 * it would have at once.
 *
 * @param max how long to keep trying; zero fails at once
 * @param onWait told once, with the refusal, when the first try finds the workspace busy
 */
public record BusyWait(Duration max, Consumer<WorkspaceException> onWait) {
    /** Fails at once when the workspace is busy. */
    public static final BusyWait NONE = new BusyWait(Duration.ZERO, e -> {});

    static final Duration RETRY = Duration.ofMillis(200);

    public BusyWait {
        if (max.isNegative()) {
            throw new IllegalArgumentException("a negative wait: " + max);
        }
    }

    /** One way of opening a workspace ({@code Workspace::open}, {@code Workspace::openReadOnly}, ...). */
    @FunctionalInterface
    public interface Opening {
        Workspace open() throws SQLException;
    }

    /** What {@code opening} opens, tried again while the workspace is busy, up to {@link #max}. */
    public Workspace open(Opening opening) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        boolean told = false;
        while (true) {
            try {
                return opening.open();
            } catch (WorkspaceException e) {
                if (e.code() != ErrorCode.WORKSPACE_BUSY || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                if (!told) {
                    onWait.accept(e);
                    told = true;
                }
                pause(e);
            }
        }
    }

    private static void pause(WorkspaceException busy) {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }
}
