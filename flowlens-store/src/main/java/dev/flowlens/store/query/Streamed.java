package dev.flowlens.store.query;

/**
 * What a streamed query handed on.
 *
 * @param rows the rows given to the sink
 * @param more whether the result had more rows than the limit let through
 */
public record Streamed(long rows, boolean more) {}
