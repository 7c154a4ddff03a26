package dev.flowlens.cli;

import dev.flowlens.store.query.QueryLimits;
import picocli.CommandLine.Option;

/** {@code --timeout}, {@code --memory-limit}, {@code --max-temp-size}: the limits of a user query. */
public final class QueryLimitOptions {
    @Option(names = "--timeout", paramLabel = "SECONDS")
    long timeoutSeconds = QueryLimits.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--memory-limit", paramLabel = "SIZE")
    String memoryLimit = QueryLimits.DEFAULT_MEMORY_LIMIT;

    @Option(names = "--max-temp-size", paramLabel = "SIZE")
    String maxTempSize;

    public QueryLimits toLimits() {
        return new QueryLimits(timeoutSeconds, memoryLimit, maxTempSize);
    }
}
