package dev.flowlens.options;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code flowlens sql} and {@code flowlens spark sql} take: the query and {@code --max-rows}. */
public final class SqlOptions {
    @Option(names = "--max-rows", paramLabel = "N", description = "Print at most N rows (default: 10000).")
    int maxRows = 10_000;

    @Parameters(
            index = "0",
            paramLabel = "SQL",
            description =
                    "The query, e.g. 'SELECT srcaddr, sum(bytes) FROM flows GROUP BY 1 ORDER BY 2 DESC LIMIT 10'.")
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
