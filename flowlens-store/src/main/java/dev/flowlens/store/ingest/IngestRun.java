package dev.flowlens.store.ingest;

import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.store.Workspace;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBConnection;

/**
 * What the file loaders of one ingest share: the workspace, the options, the listener, the lock
 * that keeps column changes away from writes in flight, the claims that make the same file or
 * content load once per run, and the sample of problems for the summary.
 *
 * @param schemaChange files are written under the read lock; adding columns takes the write lock
 * @param claimedPaths the inputs of this run by identity (a local file's real path): read once
 * @param claimedContent the contents of this run by SHA-256, with the location that claimed each
 * @param columnsAdded called after a loader added columns (the memory bound follows the width)
 * @param feed the table function the run's record writers insert through
 * @param companion rows written with each loaded input's catalog row, in its transaction
 */
record IngestRun(
        Workspace workspace,
        IngestOptions options,
        IngestListener listener,
        ReentrantReadWriteLock schemaChange,
        Set<String> claimedPaths,
        ConcurrentHashMap<String, String> claimedContent,
        List<ParseProblem> samples,
        ColumnsAdded columnsAdded,
        RecordFeed feed,
        InputCompanion companion) {
    /** Problems kept per file and (four times as many) per run for the summary. */
    static final int SAMPLE_PROBLEMS = 20;

    /** Hears that the record table got wider. */
    interface ColumnsAdded {
        void after(DuckDBConnection connection) throws SQLException;
    }

    void columnsAdded(DuckDBConnection connection) throws SQLException {
        columnsAdded.after(connection);
    }
}
