package dev.flowlens.core.record;

/** The {@code log-status} of a flow log record. */
public enum LogStatus {
    /** Data is logging normally. */
    OK,
    /** No traffic to or from the interface during the aggregation interval. */
    NODATA,
    /** Records were skipped during the aggregation interval (capacity, internal error). */
    SKIPDATA
}
