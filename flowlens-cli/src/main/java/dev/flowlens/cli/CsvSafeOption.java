package dev.flowlens.cli;

import picocli.CommandLine.Option;

/** {@code --csv-safe}: CSV for spreadsheets (see {@link dev.flowlens.cli.output.Printer}). */
public final class CsvSafeOption {
    @Option(
            names = "--csv-safe",
            description =
                    "With -o csv: write a ' before text cells that start with = + - @ (or tab, CR), so a spreadsheet shows them instead of running them as formulas. Off by default: values stay exact.")
    boolean safe;

    public boolean safe() {
        return safe;
    }
}
