package dev.flowlens.sources.cloudwatch;

import java.util.List;
import java.util.Objects;

/**
 * What to read from a log group with {@code FilterLogEvents}.
 *
 * @param logGroup the log group's name
 * @param streams the log streams to read (empty: all)
 * @param fromMillis events at or after this time (epoch ms); null: from the first
 * @param toMillis events at or before this time; null: to the last
 * @param filterPattern a CloudWatch Logs filter pattern the service applies; null: every event
 * @param pageSize events per page asked for (the service allows up to 10,000)
 */
public record CloudWatchQuery(
        String logGroup, List<String> streams, Long fromMillis, Long toMillis, String filterPattern, int pageSize) {
    public static final int MAX_PAGE = 10_000;
    /** The most stream names one FilterLogEvents request may carry. */
    public static final int MAX_STREAMS = 100;

    public CloudWatchQuery {
        Objects.requireNonNull(logGroup, "logGroup");
        streams = List.copyOf(streams);
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("pageSize must be 1-" + MAX_PAGE);
        }
    }

    public CloudWatchQuery withWindow(Long from, Long to) {
        return new CloudWatchQuery(logGroup, streams, from, to, filterPattern, pageSize);
    }
}
