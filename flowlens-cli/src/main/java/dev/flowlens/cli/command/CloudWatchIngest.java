package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import dev.flowlens.sources.cloudwatch.CloudWatchQuery;
import dev.flowlens.sources.cloudwatch.CloudWatchSource;
import dev.flowlens.sources.cloudwatch.RateLimiter;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.CloudWatchEvents;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ingest cloudwatch:LOG_GROUP}: reads the group's events with {@code FilterLogEvents} (the
 * window, the streams of {@code --eni}, {@code --filter}), leaves out the events the workspace holds
 * already (by event id, {@link CloudWatchEvents}), and loads each page's new events through the same
 * {@link Ingestor} as files. With {@code --follow} it then polls for new events until Ctrl-C.
 */
final class CloudWatchIngest {
    static final String SCHEME = "cloudwatch:";
    /**
     * Pages are committed in groups: a group closes at this many new events ...
     */
    static final int FLUSH_EVENTS = 50_000;
    /** ... or at this many pages with new events, so that a long run commits as it goes. */
    static final int FLUSH_INPUTS = 8;
    /**
     * While the previous batch is still being ingested, closed groups wait and are committed together,
     * up to this many events (a commit costs far more than the rows it adds: one per group made the
     * commits most of a fast million-event run) ...
     */
    static final int MAX_BATCH_EVENTS = 200_000;
    /** ... or this many pages. */
    static final int MAX_BATCH_INPUTS = 40;
    /** How far back each --follow poll looks again: events can arrive minutes after their time. */
    static final long FOLLOW_OVERLAP_MILLIS = 5 * 60_000L;

    /** What one run did beyond the ingest summary. */
    record Result(
            IngestSummary summary,
            String logGroup,
            List<String> streams,
            String format,
            String formatSource,
            List<String> notes,
            CloudWatchSource.Counts requests,
            long loadedBefore,
            long newEvents,
            int polls,
            boolean stopped,
            Timings timings) {}

    /**
     * Where the run's time went, in nanoseconds: reading the ids the workspace holds, the ingest of the
     * inputs (their ids included), dropping the ids of inputs removed since.
     */
    record Timings(long journal, long ingest, long prune) {}

    /** Waits between --follow polls; false when the run was stopped. */
    interface Pause {
        boolean await(long seconds) throws InterruptedException;
    }

    private final S3Options shared;
    private final CloudWatchOptions options;
    private final Clock clock;
    private final RateLimiter.Ticker ticker;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    Pause pause = seconds -> !stop.await(seconds, TimeUnit.SECONDS);

    CloudWatchIngest(S3Options shared, CloudWatchOptions options, Clock clock, RateLimiter.Ticker ticker) {
        this.shared = shared;
        this.options = options;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** True for cloudwatch: locations; refuses a mix with other locations and cloudwatch options without one. */
    static boolean isCloudWatchRun(List<String> locations, CloudWatchOptions options) {
        return Locations.allOf(
                locations,
                l -> l.startsWith(SCHEME),
                "give either cloudwatch: log groups or other locations, not both (run ingest twice)",
                options.anyGiven(),
                "--filter, --follow, --poll, --rate-limit and --page-size apply to cloudwatch:LOG_GROUP only");
    }

    AwsClientConfig clientConfig() {
        if (!shared.accounts.isEmpty() || shared.onlyNew || shared.parallel != null || shared.bucketRegion != null) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "--account, --new, --parallel and --bucket-region apply to s3:// only");
        }
        if (shared.regions.size() > 1) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "cloudwatch: reads one region: give one --region (the log group's)");
        }
        String region = shared.regions.isEmpty() ? null : shared.regions.get(0);
        return shared.credentials.clientConfig(region);
    }

    static String logGroup(String location) {
        String g = location.substring(SCHEME.length());
        if (g.isEmpty()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "give the log group after cloudwatch:, e.g. cloudwatch:/aws/vpc/flow-logs");
        }
        return g;
    }

    /** Stops the run at the next page (Ctrl-C); what was committed stays. */
    void stop() {
        stop.countDown();
    }

    /** Ctrl-C: stops the run and waits (a while) for the pages in hand to be committed. */
    void stopAndWait() {
        stop();
        try {
            finished.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param userFormat --format, or null
     * @param committed hears of the inputs committed, batch by batch (in --follow: prints their records; null: nothing)
     */
    Result run(
            String location,
            Workspace ws,
            IngestOptions base,
            String userFormat,
            IngestListener listener,
            AwsClientConfig config,
            CloudWatchLoader.Committed committed)
            throws SQLException, InterruptedException {
        String group = logGroup(location);
        TimeWindow w = shared.window(clock);
        Long fromMs = w.from() == null ? null : w.from() * 1000;
        Long toMs = w.to() == null ? null : w.to() * 1000 + 999;
        List<String> notes = new ArrayList<>();
        try {
            return read(
                    group,
                    fromMs,
                    toMs,
                    options.pageSize,
                    notes,
                    new Into(ws, base, userFormat, listener, config, committed));
        } finally {
            finished.countDown();
        }
    }

    /** Stops the source when {@link #stop} opens (Ctrl-C), from a daemon thread. */
    private void watchStop(CloudWatchSource source) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    source.stop();
                },
                "flowlens-cloudwatch-stop");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The streams of the ENIs of {@code --eni}, or none (all streams) without it. */
    private List<String> streamsOfEnis(CloudWatchSource source, String group) {
        if (options.enis.isEmpty()) {
            return List.of();
        }
        List<String> streams = source.streams(group, options.enis);
        if (streams.isEmpty()) {
            throw new FlowlensException(
                    ErrorCode.SOURCE_NOT_FOUND,
                    "no log stream of " + group + " starts with " + String.join(", ", options.enis)
                            + ": flow logs name a stream after its ENI (eni-...-all)");
        }
        return streams;
    }

    /** Where and how {@link #run} loads what it reads: the arguments it passes on. */
    private record Into(
            Workspace ws,
            IngestOptions base,
            String userFormat,
            IngestListener listener,
            AwsClientConfig config,
            CloudWatchLoader.Committed committed) {}

    private Result read(String group, Long fromMs, Long toMs, int pageSize, List<String> notes, Into into)
            throws SQLException, InterruptedException {
        IngestOptions base = into.base();
        try (CloudWatchSource source =
                new CloudWatchSource(into.config(), new RateLimiter(options.rateLimit, ticker))) {
            watchStop(source);
            List<String> streams = streamsOfEnis(source, group);
            String[] chosen = format(source, group, into.userFormat(), notes);
            String format = chosen[0];
            String formatSource = chosen[1];
            FlowFormat fmt = format == null ? null : FlowFormat.parseUserFormat(format);
            IngestOptions ingestOptions =
                    new IngestOptions(fmt, base.strict(), base.threads(), base.batchSize(), base.groupRecords());
            try (CloudWatchLoader loader = new CloudWatchLoader(
                    into.ws(), group, ingestOptions, into.listener(), into.committed(), options.prefetch > 0)) {
                loader.start(fromMs, toMs);
                CloudWatchQuery query =
                        new CloudWatchQuery(group, streams, fromMs, toMs, options.filterPattern, options.pageSize);
                boolean complete = fetch(source, query, loader);
                loader.finish();
                int polls = 0;
                if (options.follow && complete) {
                    long poll = Math.max(1, options.pollSeconds);
                    while (pause.await(poll)) {
                        polls++;
                        long newest = loader.newest() == Long.MIN_VALUE ? clock.millis() : loader.newest();
                        long since = Math.max(fromMs == null ? Long.MIN_VALUE : fromMs, newest - FOLLOW_OVERLAP_MILLIS);
                        loader.start(since, null);
                        complete = fetch(source, query.withWindow(since, toMs), loader);
                        loader.finish();
                        if (!complete) {
                            break;
                        }
                    }
                }
                stop.countDown();
                return new Result(
                        loader.total(),
                        group,
                        streams,
                        format == null ? null : fmt.headerLine(),
                        formatSource,
                        notes,
                        source.counts(),
                        loader.known(),
                        loader.added(),
                        polls,
                        !complete,
                        loader.timings());
            }
        }
    }

    /** The records' format and where it came from: the flow log's LogFormat, else --format, else the default (null). */
    private static String[] format(CloudWatchSource source, String group, String userFormat, List<String> notes) {
        CloudWatchSource.FormatLookup lookup = source.formatOf(group);
        if (lookup.logFormat() != null) {
            String format = lookup.logFormat();
            if (userFormat != null
                    && !FlowFormat.parseUserFormat(userFormat).equals(FlowFormat.parseUserFormat(format))) {
                notes.add("--format differs from the LogFormat of the flow log delivering to " + group
                        + ": the LogFormat is used");
            }
            return new String[] {format, "ec2:DescribeFlowLogs (" + String.join(", ", lookup.flowLogIds()) + ")"};
        }
        if (lookup.note() != null) {
            notes.add(lookup.note());
        }
        return new String[] {userFormat, userFormat != null ? "--format" : "the default format (v2)"};
    }

    /** A page's new events handed from the fetching thread to the loading one (null: none new); {@code end} ends the run. */
    private record Page(CloudWatchInput input, boolean end) {}

    /**
     * Reads every page of the query into the loader. With {@code --prefetch N} (default
     * {@link CloudWatchOptions#DEFAULT_PREFETCH}) a thread of its own asks for the pages, up to N ahead
     * of the loading and leaves out the events the workspace holds, so requests wait for the rate limit
     * and pages are prepared while earlier pages are committed; the loader ingests them in page order.
     * Returns false when stopped early.
     */
    private boolean fetch(CloudWatchSource source, CloudWatchQuery query, CloudWatchLoader loader)
            throws InterruptedException, SQLException {
        int ahead = options.prefetch;
        if (ahead == 0) {
            return source.read(query, events -> loader.gather(loader.select(events)));
        }
        ArrayBlockingQueue<Page> queue = new ArrayBlockingQueue<>(ahead);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean complete = new AtomicBoolean();
        Thread fetcher = new Thread(
                () -> {
                    try {
                        complete.set(source.read(query, events -> queue.put(new Page(loader.select(events), false))));
                    } catch (Throwable e) {
                        failure.set(e);
                    } finally {
                        try {
                            queue.put(new Page(null, true));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "flowlens-cloudwatch-fetch");
        fetcher.setDaemon(true);
        fetcher.start();
        try {
            for (Page p = queue.take(); !p.end(); p = queue.take()) {
                loader.gather(p.input());
            }
        } catch (RuntimeException | InterruptedException e) {
            source.stop();
            fetcher.interrupt();
            throw e;
        }
        fetcher.join();
        CloudWatchLoader.rethrow(failure.get(), "fetching failed");
        return complete.get();
    }
}
