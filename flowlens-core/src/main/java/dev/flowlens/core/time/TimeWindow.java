package dev.flowlens.core.time;

/**
 * A time window in epoch seconds, either end open (null); {@code from} is never after {@code to}.
 * Built by {@link TimeParser#parseWindow}, which reports a reversed window as a usage error.
 */
public record TimeWindow(Long from, Long to) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }
}
