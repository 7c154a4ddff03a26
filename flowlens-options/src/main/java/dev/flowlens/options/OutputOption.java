package dev.flowlens.options;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code -o/--output FORMAT}, the same on every command that prints results. */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class OutputOption {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    /** The format of a list of rows: table, csv, json or jsonl (a usage error for text). */
    public OutputFormat rowsFormat() {
        return offering(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON, OutputFormat.JSONL);
    }

    /**
     * The format, when the command offers it; a usage error naming the ones it does offer otherwise
     * (a list of rows has no text form, a summary no csv).
     */
    public OutputFormat offering(OutputFormat... offered) {
        return format.offeredAmong(offered);
    }
}
