package dev.flowlens.options;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the two root commands share, {@code flowlens} and {@code flowlens spark}: {@code -h/--help}
 * and {@code -V/--version} on every command under them, the version they print, and a command line
 * set up the same way (where it prints, enum values in any case, the {@link Converters}). Each root
 * adds its name, description, help bundle and commands, and how it reports a failure.
 */
@Command(mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = RootCommand.VERSION)
public abstract class RootCommand implements Runnable {
    /** What {@code -V/--version} prints. */
    public static final String VERSION = "flowlens 0.1.0";

    @Spec
    protected CommandSpec spec;

    /** The command line of {@code root}, printing to {@code out} and {@code err}. */
    protected static CommandLine commandLine(RootCommand root, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return Converters.register(cl);
    }
}
