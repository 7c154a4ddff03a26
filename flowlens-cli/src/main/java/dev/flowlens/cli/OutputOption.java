package dev.flowlens.cli;

import dev.flowlens.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output FORMAT}, the same on every command that prints results. */
public final class OutputOption {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description =
                    "table, csv, json or jsonl (default: table; commands that print one summary take table or json).")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
