package dev.flowlens.cli.command;

import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.options.PrintingCommand;
import dev.flowlens.store.Workspace;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Mixin;

/**
 * What every command over a workspace has besides printing ({@link PrintingCommand}): {@code --db}
 * ({@link WorkspaceOption}) and one way to read the workspace (opened read-only, closed when the
 * reading is done); {@code ingest} and {@code demo}, which write it, open it themselves.
 */
abstract class WorkspaceCommand extends PrintingCommand {
    @Mixin
    WorkspaceOption workspace;

    /** A printer on {@link #out()}. */
    final Printer printer() {
        return new Printer(out());
    }

    /** What {@code read} finds in the workspace, opened read-only for it and closed after. */
    final <T> T readOnly(Read<T> read) throws SQLException {
        try (Workspace ws = workspace.openReadOnly()) {
            return read.from(ws.connection());
        }
    }

    /** A reading of the workspace over its connection. */
    @FunctionalInterface
    interface Read<T> {
        T from(Connection connection) throws SQLException;
    }
}
