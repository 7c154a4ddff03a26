package dev.flowlens.core.report;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;

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

    /** The seconds of a {@code --bin} period such as {@code 5m}, {@code 1h} or {@code 1d}. */
    public static long binSeconds(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.length() >= 2 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            long unit = switch (t.charAt(t.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 0;
            };
            if (n > 0 && unit > 0) {
                return n * unit;
            }
        }
        throw new FlowlensException(
                ErrorCode.INVALID_ARGUMENT, "--bin " + text + " is not a time period: write e.g. 5m, 1h or 1d");
    }
}
