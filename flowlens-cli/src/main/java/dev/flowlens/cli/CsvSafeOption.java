package dev.flowlens.cli;

import picocli.CommandLine.Option;

/** {@code --csv-safe}: CSV for spreadsheets (see {@link dev.flowlens.cli.output.Printer}). */
public final class CsvSafeOption {
    @Option(names = "--csv-safe")
    boolean safe;

    public boolean safe() {
        return safe;
    }
}
