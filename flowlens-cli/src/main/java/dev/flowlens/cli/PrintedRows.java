package dev.flowlens.cli;

import dev.flowlens.cli.output.Printer;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * {@code -o/--output} and {@code --csv-safe}: how a command that prints rows of a user's choosing
 * ({@code query}, {@code sql}, {@code report}) prints them.
 */
public final class PrintedRows {
    @Mixin
    OutputOption output;

    @Mixin
    CsvSafeOption csv;

    public OutputFormat format() {
        return output.format();
    }

    /** A printer on {@code out} that defuses cells for spreadsheets when {@code --csv-safe} was given. */
    public Printer printer(PrintWriter out) {
        return new Printer(out, csv.safe());
    }

    /** Where the rows go: {@code out}, in the format of {@code -o}. */
    public Printer.Rows rows(PrintWriter out) {
        return printer(out).rows(format());
    }
}
