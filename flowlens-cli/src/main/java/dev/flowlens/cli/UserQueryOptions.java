package dev.flowlens.cli;

import dev.flowlens.cli.output.Printer;
import dev.flowlens.store.query.QueryLimits;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a user's query ({@code flowlens query}, {@code flowlens sql}) takes besides its text: how
 * its rows are printed ({@code -o}, {@code --csv-safe}) and its limits ({@code --timeout}, {@code
 * --memory-limit}, {@code --max-temp-size}).
 */
public final class UserQueryOptions {
    @Mixin
    PrintedRows output;

    @Option(names = "--timeout", paramLabel = "SECONDS")
    long timeoutSeconds = QueryLimits.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--memory-limit", paramLabel = "SIZE")
    String memoryLimit = QueryLimits.DEFAULT_MEMORY_LIMIT;

    @Option(names = "--max-temp-size", paramLabel = "SIZE")
    String maxTempSize;

    public QueryLimits toLimits() {
        return new QueryLimits(timeoutSeconds, memoryLimit, maxTempSize);
    }

    /** Where the rows go: {@code out}, in the format of {@code -o}, defused for spreadsheets with {@code --csv-safe}. */
    public Printer.Rows rows(PrintWriter out) {
        return output.rows(out);
    }
}
