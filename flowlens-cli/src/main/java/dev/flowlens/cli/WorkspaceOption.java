package dev.flowlens.cli;

import dev.flowlens.options.OptionChecks;
import dev.flowlens.store.BusyWait;
import dev.flowlens.store.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --db FILE}: the workspace; {@code FLOWLENS_DB} or {@code ./flowlens.db} when not given.
 * {@code --wait SECONDS}: how long opening it waits while another process holds it ({@link BusyWait}).
 */
public final class WorkspaceOption {
    @Option(names = "--db", paramLabel = "FILE")
    Path db;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10")
    long waitSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    /** The workspace opened (created if needed) for writing, waiting while another process holds it. */
    public Workspace open() throws SQLException {
        return opened(Workspace::open);
    }

    /** The workspace opened read-only, waiting while another process writes it. */
    public Workspace openReadOnly() throws SQLException {
        return opened(Workspace::openReadOnly);
    }

    /** The workspace opened read-only for results of any size ({@link Workspace#openForQueries}). */
    public Workspace openForQueries() throws SQLException {
        return opened(Workspace::openForQueries);
    }

    /** One of {@link Workspace}'s ways of opening a file. */
    @FunctionalInterface
    private interface Opener {
        Workspace open(Path file) throws SQLException;
    }

    private Workspace opened(Opener opener) throws SQLException {
        Path file = path();
        return busyWait().open(() -> opener.open(file));
    }

    private BusyWait busyWait() {
        long seconds = OptionChecks.notNegative(waitSeconds, "--wait");
        return new BusyWait(Duration.ofSeconds(seconds), busy -> {
            command.commandLine().getErr().println(busy.getMessage());
            command.commandLine().getErr().println("waiting up to " + seconds + " s for it (--wait)...");
            command.commandLine().getErr().flush();
        });
    }
}
