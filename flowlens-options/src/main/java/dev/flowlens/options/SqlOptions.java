package dev.flowlens.options;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code flowlens sql} and {@code flowlens spark sql} take: the query and {@code --max-rows}. */
@Command(resourceBundle = "dev.flowlens.options.help")
public final class SqlOptions {
    @Option(names = "--max-rows", paramLabel = "N")
    int maxRows = 10_000;

    @Parameters(index = "0", paramLabel = "SQL", descriptionKey = "sql")
    String sql;

    /** The query as typed. */
    public String sql() {
        return sql;
    }

    /** {@code --max-rows}, checked: at least 1. */
    public int maxRows() {
        return OptionChecks.positive(maxRows, "--max-rows");
    }
}
