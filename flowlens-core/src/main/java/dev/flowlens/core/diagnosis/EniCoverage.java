package dev.flowlens.core.diagnosis;

/**
 * What one ENI's flow log recorded: all its records (for accept-only / reject-only logs) and, inside
 * the window, NODATA and SKIPDATA records.
 */
public record EniCoverage(
        String eni, Long first, Long last, long accepted, long rejected, long noDataInWindow, long skipDataInWindow) {}
