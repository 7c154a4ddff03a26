package dev.flowlens.cli;

import dev.flowlens.store.query.QueryLimits;
import picocli.CommandLine.Option;

/** {@code --timeout}, {@code --memory-limit}, {@code --max-temp-size}: the limits of a user query. */
public final class QueryLimitOptions {
    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Cancel the query after SECONDS (default: " + QueryLimits.DEFAULT_TIMEOUT_SECONDS
                    + "; 0 = no limit).")
    long timeoutSeconds = QueryLimits.DEFAULT_TIMEOUT_SECONDS;

    @Option(
            names = "--memory-limit",
            paramLabel = "SIZE",
            description = "Memory the database may use for the query, e.g. 512MB, 4GB (default: "
                    + QueryLimits.DEFAULT_MEMORY_LIMIT + ").")
    String memoryLimit = QueryLimits.DEFAULT_MEMORY_LIMIT;

    @Option(
            names = "--max-temp-size",
            paramLabel = "SIZE",
            description =
                    "Temporary disk the query may spill to beyond the memory limit, e.g. 10GB (default: DuckDB's, 90% of the free disk).")
    String maxTempSize;

    public QueryLimits toLimits() {
        return new QueryLimits(timeoutSeconds, memoryLimit, maxTempSize);
    }
}
