package dev.flowlens.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}: the workspace; {@code FLOWLENS_DB} or {@code ./flowlens.db} when not given. */
public final class WorkspaceOption {
    @Option(names = "--db", paramLabel = "FILE")
    Path db;

    /** True when the user named the workspace with {@code --db}. */
    public boolean given() {
        return db != null;
    }

    public Path path() {
        if (db != null) {
            return db;
        }
        String env = System.getenv("FLOWLENS_DB");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("flowlens.db");
    }
}
