package dev.flowlens.web;

import dev.flowlens.store.FlowRollup;
import dev.flowlens.store.WorkspaceSchema;
import java.util.List;

/**
 * The overview's aggregates answered from {@link FlowRollup}: the rollup's rows of the buckets
 * wholly inside the range, plus the records of the range's partial buckets at either end, summed
 * again, give the same answer as the statement over every record. A statement here takes the
 * parameters of {@link #bind}: (bin,) the whole buckets' first and last start, the records' two
 * partial ranges (, limit).
 */
final class OverviewRollup {
    /** The whole buckets of a range; {@code first > last} when there is none. */
    record Span(long from, long to, long grain, long first, long last) {
        static Span of(long from, long to, long grain) {
            long first = Math.floorDiv(from + grain - 1, grain) * grain;
            long last = Math.floorDiv(to + 1, grain) * grain - grain;
            return new Span(from, to, grain, first, last);
        }

        boolean hasWholeBuckets() {
            return first <= last;
        }

        /** The statement's range parameters, in order. */
        List<Long> bind() {
            return List.of(first, last, from, first - 1, last + grain, to);
        }
    }

    private OverviewRollup() {}

    /**
     * The rows to sum: the rollup's rows of kind {@code kind} in the whole buckets and the records
     * in the partial ones (two ranges, so that each is read by its own range of {@code start}),
     * each as {@code keys} then {@code bytes, packets, records}; {@code rollupKeys} and
     * {@code recordKeys} name the keys in each.
     */
    static String source(FlowRollup.Kind kind, String rollupKeys, String recordKeys) {
        String records = " UNION ALL SELECT " + recordKeys + ", bytes, packets, 1 FROM " + WorkspaceSchema.RECORDS_TABLE
                + " WHERE start BETWEEN ? AND ?";
        return "(SELECT " + rollupKeys + ", bytes, packets, records FROM " + FlowRollup.TABLE + " WHERE kind = "
                + kind.ordinal() + " AND bucket BETWEEN ? AND ?" + records + records + ")";
    }

    static String series() {
        return "SELECT first_second - first_second % ? AS t, action, sum(bytes) AS bytes, sum(packets) AS packets, "
                + "sum(records) AS records FROM "
                + source(FlowRollup.Kind.SERIES, "bucket AS first_second, action", "start AS first_second, action")
                + " WHERE action IS NOT NULL GROUP BY 1, 2 HAVING sum(records) > 0 ORDER BY 1, 2";
    }
}
