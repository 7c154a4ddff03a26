package dev.flowlens.cli;

import dev.flowlens.store.query.QueryControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a query: a shutdown hook cancels the running statement, so the
 * command ends with a short QUERY_CANCELLED message instead of being cut off mid-row, and the JVM
 * exits with the signal's status (130 or 143). The hook waits (a few seconds at most) until
 * {@link #commandFinished()} says the message is printed.
 */
public final class SignalStop {
    private static final long WAIT_SECONDS = 5;
    private static final CountDownLatch FINISHED = new CountDownLatch(1);

    private final Thread hook;

    private SignalStop(QueryControl control) {
        hook = new Thread(
                () -> {
                    control.cancel(QueryControl.Reason.STOPPED);
                    try {
                        FINISHED.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "flowlens-stop");
    }

    /** Cancels {@code control}'s query when the JVM is asked to stop, until {@code control} is closed. */
    public static QueryControl guard(QueryControl control) {
        SignalStop s = new SignalStop(control);
        Runtime.getRuntime().addShutdownHook(s.hook);
        control.onClose(s::remove);
        return control;
    }

    /** Called by main() once the command's output and error message are written. */
    static void commandFinished() {
        FINISHED.countDown();
    }

    private void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is stopping: the hook runs and ends the query
        }
    }
}
