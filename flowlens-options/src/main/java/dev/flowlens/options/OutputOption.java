package dev.flowlens.options;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output FORMAT}, the same on every command that prints results. A command that prints
 * only some formats declares them where it mixes the option in ({@code @Mixin OutputOption output =
 * OutputOption.rows();}): another one is a usage error naming those it offers (a list of rows has no
 * text form, a summary no csv), raised before the command runs ({@link CheckedOptions}).
 */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class OutputOption implements CheckedOptions {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT")
    OutputFormat format = OutputFormat.TABLE;

    /** The formats the command offers; null: all of them. */
    private final OutputFormat[] offered;

    public OutputOption() {
        this.offered = null;
    }

    private OutputOption(OutputFormat... offered) {
        this.offered = offered.clone();
    }

    /** The option of a command that prints only these formats. */
    public static OutputOption offering(OutputFormat... offered) {
        return new OutputOption(offered);
    }

    /** The option of a command that prints a list of rows: table, csv, json or jsonl. */
    public static OutputOption rows() {
        return offering(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON, OutputFormat.JSONL);
    }

    @Override
    public void check() {
        if (offered != null) {
            format.offeredAmong(offered);
        }
    }

    /** The format given, one the command offers (checked before it runs). */
    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
