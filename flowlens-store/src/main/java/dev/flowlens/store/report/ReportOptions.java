package dev.flowlens.store.report;

/**
 * Choices a report may use: a time range on record start (epoch seconds, null for all), an address
 * for the per-address reports, an ENI (NAT gateway report), the row limit, the time bucket in
 * seconds and the distinct-ports/hosts threshold of the port scan report.
 */
public record ReportOptions(
        Long from, Long to, String address, String eni, int limit, long binSeconds, int scanThreshold) {
    public ReportOptions {
        if (limit <= 0 || binSeconds <= 0 || scanThreshold <= 0) {
            throw new IllegalArgumentException("limit, bin and threshold must be positive");
        }
    }

    public static ReportOptions defaults() {
        return new ReportOptions(null, null, null, null, 50, 3600, 10);
    }
}
