package dev.flowlens.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}: the workspace; {@code FLOWLENS_DB} or {@code ./flowlens.db} when not given. */
public final class WorkspaceOption {
    @Option(names = "--db", paramLabel = "FILE",
            description = "Workspace file (default: $FLOWLENS_DB, else ./flowlens.db).")
    Path db;

    public Path path() {
        if (db != null) {
            return db;
        }
        String env = System.getenv("FLOWLENS_DB");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("flowlens.db");
    }
}
