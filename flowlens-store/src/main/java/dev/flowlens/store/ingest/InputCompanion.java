package dev.flowlens.store.ingest;

import dev.flowlens.sources.input.InputFile;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Rows another table keeps about a loaded input (the CloudWatch Logs event ids it carries), written
 * on the loader's connection in the transaction that commits the input's records and catalog row:
 * both are in the workspace, or neither. A group rolled back and redone writes them again.
 */
@FunctionalInterface
public interface InputCompanion {
    /** Writes nothing. */
    InputCompanion NONE = (connection, input, fileId) -> {};

    /** Called once the input's catalog row ({@code fileId}) is written, before the commit. */
    void written(DuckDBConnection connection, InputFile input, int fileId) throws SQLException;
}
