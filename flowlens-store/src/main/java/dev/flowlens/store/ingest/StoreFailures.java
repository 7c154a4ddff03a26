package dev.flowlens.store.ingest;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.store.Workspace;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The one place where the ingest tells DuckDB's failures apart. DuckDB's JDBC driver reports every
 * failure as a plain {@link SQLException} whose only distinguishing mark is its message, so the
 * messages are read here, once, and turned into typed errors; nothing else matches message text.
 */
final class StoreFailures {
    private StoreFailures() {}

    /** A typed error for a failure that is not any one file's fault (a full disk); null for the others. */
    static FlowlensException classify(SQLException e) {
        String m = messages(e);
        if (m.contains("no space left on device")
                || m.contains("disk full")
                || m.contains("not enough space")
                || m.contains("could not write all bytes")) {
            return new FlowlensException(
                    ErrorCode.DISK_FULL,
                    "the disk holding the workspace is full (" + Workspace.firstLine(e.getMessage())
                            + "); what was committed before stays loaded and consistent: free space and run the same ingest again to load the rest",
                    e);
        }
        return null;
    }

    /** A write-write conflict or a transaction aborted by a concurrent schema change: the file can be tried again. */
    static boolean isTransactionConflict(SQLException e) {
        String m = messages(e);
        return m.contains("conflict") || m.contains("transaction is aborted");
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 10_000; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
