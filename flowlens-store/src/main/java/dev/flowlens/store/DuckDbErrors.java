package dev.flowlens.store;

import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The one place that reads DuckDB's errors. The JDBC driver throws a plain {@link SQLException}
 * (no SQL state, no vendor code) whose message starts with DuckDB's error type ({@code IO Error:},
 * {@code Out of Memory Error:}, ...); this class turns that into a {@link Kind} so the rest of
 * Flowlens never looks at message text.
 */
public final class DuckDbErrors {
    /** What went wrong, as far as Flowlens acts on it. */
    public enum Kind {
        /** Another process holds the database file's lock. */
        LOCK_CONFLICT,
        /** The query needed more memory (or temporary disk) than the limits allow. */
        OUT_OF_MEMORY,
        /** The query was interrupted (cancelled). */
        INTERRUPTED,
        /**
         * The driver lost the error: DuckDB's JDBC driver (2.0) reports a streamed statement that
         * fails before its first row as "Invalid result set"; running it again without streaming
         * tells the real error ({@link dev.flowlens.store.query.QueryControl#failure}).
         */
        LOST,
        /** The sandbox refused: file or network access, a write on a read-only database, a locked setting. */
        REFUSED,
        OTHER
    }

    private static final String LOCK = "Could not set lock on file";
    private static final String PID = "(PID ";

    private DuckDbErrors() {}

    public static Kind kind(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith("IO Error: ") && m.contains(LOCK)) {
            return Kind.LOCK_CONFLICT;
        }
        if (m.startsWith("Out of Memory Error:")) {
            return Kind.OUT_OF_MEMORY;
        }
        if (m.startsWith("INTERRUPT Error:") || m.startsWith("Interrupt Error:")) {
            return Kind.INTERRUPTED;
        }
        if (m.startsWith("Invalid Input Error: Invalid result set")) {
            return Kind.LOST;
        }
        if (m.startsWith("Permission Error:")
                || m.contains("read-only mode")
                || m.contains("configuration has been locked")) {
            return Kind.REFUSED;
        }
        return Kind.OTHER;
    }

    /** The process id DuckDB names as the lock holder of a {@link Kind#LOCK_CONFLICT}, if it does. */
    public static OptionalLong lockHolderPid(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf(PID);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int start = at + PID.length();
        int end = start;
        while (end < m.length() && Character.isDigit(m.charAt(end))) {
            end++;
        }
        if (end == start || end - start > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.substring(start, end)));
    }

    /** The first line of a (multi-line) database error message. */
    public static String firstLine(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
