package dev.flowlens.core.insights;

/**
 * How to plan a query: an optional time range on {@code @timestamp} (epoch seconds, inclusive) and the
 * number of rows returned when the query has no {@code limit} (Logs Insights shows 1000 by default).
 */
public record PlanOptions(Long from, Long to, long defaultLimit) {
    public static final long INSIGHTS_DEFAULT_LIMIT = 1000;

    public PlanOptions {
        if (defaultLimit <= 0) {
            throw new IllegalArgumentException("defaultLimit must be positive");
        }
    }

    public static PlanOptions defaults() {
        return new PlanOptions(null, null, INSIGHTS_DEFAULT_LIMIT);
    }
}
