package dev.flowlens.sources.cloudwatch;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.aws.AwsFailures;
import dev.flowlens.sources.aws.Counters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;

/**
 * Reads a CloudWatch Logs group's events through {@code FilterLogEvents}, page after page until the
 * service gives no {@code nextToken} (pages may be empty and still carry one). Every HTTP attempt,
 * retries included, first takes a permit of the {@link RateLimiter}; throttled answers are retried
 * by the SDK with exponential backoff (the {@link AwsClientConfig}'s retry strategy) and counted.
 */
public final class CloudWatchSource implements AutoCloseable {
    /** Receives each page's events, in the service's order. */
    public interface PageSink {
        void page(List<CloudWatchEvent> events) throws InterruptedException;
    }

    /**
     * The flow log format of the group, from {@code ec2:DescribeFlowLogs}.
     *
     * @param logFormat the {@code ${field}} format; null when unknown
     * @param flowLogIds the flow logs delivering to the group
     * @param note why it is unknown (not allowed, no flow log delivers there); null when known
     */
    public record FormatLookup(String logFormat, List<String> flowLogIds, String note) {}

    /** Requests, pages and waits so far. */
    public record Counts(
            long requests,
            long pages,
            long emptyPages,
            long events,
            long throttled,
            long waitedNanos,
            double rateLimit,
            long tokenRestarts) {}

    private enum Count {
        /** HTTP attempts, retries included. */
        REQUESTS,
        THROTTLED,
        PAGES,
        EMPTY_PAGES,
        EVENTS,
        TOKEN_RESTARTS
    }

    private final AwsClientConfig config;
    private final AwsCredentialsProvider credentials;
    private final CloudWatchLogsClient logs;
    private final RateLimiter limiter;
    private final Counters<Count> tally = new Counters<>(Count.class);
    /** Times one query is asked again from its start after its nextToken was refused. */
    static final int MAX_RESTARTS = 3;

    private volatile boolean stopped;

    public CloudWatchSource(AwsClientConfig config, RateLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
        this.credentials = config.credentials();
        config.checkCredentials(credentials);
        this.logs = config.configure(CloudWatchLogsClient.builder(), credentials, List.of(new Limit()))
                .build();
    }

    /** Takes a permit before every attempt and counts throttled answers. */
    private final class Limit implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.builder()
                        .message("interrupted while waiting for the rate limit")
                        .build();
            }
            tally.add(Count.REQUESTS);
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            String type = context.httpResponse()
                    .firstMatchingHeader("x-amzn-ErrorType")
                    .orElse("");
            if (status == 429 || status == 400 && type.startsWith("ThrottlingException")) {
                tally.add(Count.THROTTLED);
            }
        }
    }

    /**
     * The log streams of the group whose names start with one of the prefixes (flow logs name a
     * stream after its ENI: {@code eni-0123...-all}), through {@code DescribeLogStreams}.
     */
    public List<String> streams(String logGroup, List<String> prefixes) {
        Set<String> out = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            try {
                for (LogStream s : logs.describeLogStreamsPaginator(
                                r -> r.logGroupName(logGroup).logStreamNamePrefix(prefix))
                        .logStreams()) {
                    out.add(s.logStreamName());
                }
            } catch (SdkException e) {
                throw failure("logs:DescribeLogStreams on " + logGroup, "logs:DescribeLogStreams", e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Reads every page of the query; returns false when {@link #stop()} ended it early.
     */
    public boolean read(CloudWatchQuery q, PageSink sink) throws InterruptedException {
        List<List<String>> batches = new ArrayList<>();
        if (q.streams().isEmpty()) {
            batches.add(List.of());
        } else {
            for (int i = 0; i < q.streams().size(); i += CloudWatchQuery.MAX_STREAMS) {
                batches.add(q.streams().subList(i, Math.min(q.streams().size(), i + CloudWatchQuery.MAX_STREAMS)));
            }
        }
        for (List<String> streams : batches) {
            FilterLogEventsRequest.Builder b =
                    FilterLogEventsRequest.builder().logGroupName(q.logGroup()).limit(q.pageSize());
            if (!streams.isEmpty()) {
                b.logStreamNames(streams);
            }
            if (q.fromMillis() != null) {
                b.startTime(q.fromMillis());
            }
            if (q.toMillis() != null) {
                b.endTime(q.toMillis());
            }
            if (q.filterPattern() != null) {
                b.filterPattern(q.filterPattern());
            }
            String token = null;
            int restarts = 0;
            boolean first = true;
            while (first || token != null) {
                first = false;
                if (stopped) {
                    return false;
                }
                FilterLogEventsResponse r;
                try {
                    r = logs.filterLogEvents(b.nextToken(token).build());
                } catch (AbortedException e) {
                    throw new InterruptedException("stopped");
                } catch (AwsServiceException e) {
                    if (token != null && isInvalidParameter(e) && restarts < MAX_RESTARTS) {
                        // the same request was valid without the token: the token expired (a long pause, a slow
                        // consumer); ask again from the start, the events seen already are skipped by id
                        restarts++;
                        tally.add(Count.TOKEN_RESTARTS);
                        token = null;
                        first = true;
                        continue;
                    }
                    throw failure("logs:FilterLogEvents on " + q.logGroup(), "logs:FilterLogEvents", e);
                } catch (SdkException e) {
                    throw failure("logs:FilterLogEvents on " + q.logGroup(), "logs:FilterLogEvents", e);
                }
                tally.add(Count.PAGES);
                List<CloudWatchEvent> page = new ArrayList<>(r.events().size());
                for (FilteredLogEvent e : r.events()) {
                    if (e.eventId() == null || e.message() == null) {
                        continue; // nothing to identify or read
                    }
                    page.add(new CloudWatchEvent(
                            e.eventId(),
                            e.logStreamName(),
                            e.timestamp() == null ? 0 : e.timestamp(),
                            e.ingestionTime() == null ? 0 : e.ingestionTime(),
                            e.message()));
                }
                if (page.isEmpty()) {
                    tally.add(Count.EMPTY_PAGES);
                }
                tally.add(Count.EVENTS, page.size());
                sink.page(page);
                token = r.nextToken();
            }
        }
        return true;
    }

    /**
     * The {@code LogFormat} of the flow logs delivering to the group. Not being allowed to ask is
     * not an error: the caller falls back to --format or the default format.
     */
    public FormatLookup formatOf(String logGroup) {
        try (Ec2Client ec2 =
                config.configure(Ec2Client.builder(), credentials, List.of()).build()) {
            List<FlowLog> found = ec2
                    .describeFlowLogsPaginator(r -> r.filter(Filter.builder()
                            .name("log-group-name")
                            .values(logGroup)
                            .build()))
                    .flowLogs()
                    .stream()
                    .toList();
            if (found.isEmpty()) {
                return new FormatLookup(
                        null, List.of(), "no flow log of this account and region delivers to " + logGroup);
            }
            Set<String> formats = new LinkedHashSet<>();
            for (FlowLog f : found) {
                if (f.logFormat() != null) {
                    formats.add(f.logFormat());
                }
            }
            List<String> ids = found.stream().map(FlowLog::flowLogId).toList();
            if (formats.size() > 1) {
                return new FormatLookup(
                        null,
                        ids,
                        "the flow logs delivering to " + logGroup + " have " + formats.size()
                                + " different formats: give the one to use with --format");
            }
            return new FormatLookup(
                    formats.isEmpty() ? null : formats.iterator().next(), ids, null);
        } catch (SdkException e) {
            FlowlensException f =
                    AwsFailures.of("ec2:DescribeFlowLogs", "ec2:DescribeFlowLogs", e, config.maxAttempts());
            return new FormatLookup(null, List.of(), "cannot read the flow log's format (" + f.getMessage() + ")");
        }
    }

    private static boolean isInvalidParameter(AwsServiceException e) {
        return e.awsErrorDetails() != null
                && "InvalidParameterException".equals(e.awsErrorDetails().errorCode());
    }

    private FlowlensException failure(String call, String permission, SdkException e) {
        FlowlensException f = AwsFailures.of(call, permission, e, config.maxAttempts());
        if (f.code() == ErrorCode.SOURCE_THROTTLED) {
            return new FlowlensException(
                    ErrorCode.SOURCE_THROTTLED,
                    f.getMessage() + " (" + tally.get(Count.THROTTLED)
                            + " throttled answers in this run; the rate limit is " + rateText() + ")");
        }
        return f;
    }

    private String rateText() {
        return limiter.permitsPerSecond() > 0 ? limiter.permitsPerSecond() + " requests/s" : "off";
    }

    /** Ctrl-C: no further page is asked for. */
    public void stop() {
        stopped = true;
    }

    public Counts counts() {
        return new Counts(
                tally.get(Count.REQUESTS),
                tally.get(Count.PAGES),
                tally.get(Count.EMPTY_PAGES),
                tally.get(Count.EVENTS),
                tally.get(Count.THROTTLED),
                limiter.waitedNanos(),
                limiter.permitsPerSecond(),
                tally.get(Count.TOKEN_RESTARTS));
    }

    @Override
    public void close() {
        logs.close();
    }
}
