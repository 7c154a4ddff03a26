package dev.flowlens.cli.command;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.cloudwatch.CloudWatchEvent;
import dev.flowlens.sources.cloudwatch.CloudWatchInput;
import dev.flowlens.sources.cloudwatch.CloudWatchQuery;
import dev.flowlens.sources.cloudwatch.CloudWatchSource;
import dev.flowlens.sources.cloudwatch.RateLimiter;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.CloudWatchEvents;
import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code ingest cloudwatch:LOG_GROUP}: reads the group's events with {@code FilterLogEvents} (the
 * window, the streams of {@code --eni}, {@code --filter}), leaves out the events the workspace holds
 * already (by event id, {@link CloudWatchEvents}), and loads each page's new events through the same
 * {@link Ingestor} as files. With {@code --follow} it then polls for new events until Ctrl-C.
 */
final class CloudWatchIngest {
    static final String SCHEME = "cloudwatch:";
    /** Events handed to the ingest at once: pages are gathered up to this many new events. */
    static final int FLUSH_EVENTS = 50_000;
    /** ... or up to this many pages (inputs), so that a long run commits as it goes. */
    static final int FLUSH_INPUTS = 8;
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

    /** Where the run's time went, in nanoseconds: the journal of event ids, the ingest of the inputs, dropping uncommitted ids. */
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
        long cw = locations.stream().filter(l -> l.startsWith(SCHEME)).count();
        if (cw > 0 && cw < locations.size()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "give either cloudwatch: log groups or other locations, not both (run ingest twice)");
        }
        if (cw == 0 && options.anyGiven()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--filter, --follow, --poll, --rate-limit and --page-size apply to cloudwatch:LOG_GROUP only");
        }
        return cw > 0;
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
        return new AwsClientConfig(
                shared.profile,
                region,
                shared.roleArn,
                shared.externalId,
                shared.endpointUrl,
                AwsClientConfig.DEFAULT_MAX_ATTEMPTS,
                AwsClientConfig.DEFAULT_BASE_DELAY);
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
     * @param printer receives each page's loaded events in --follow (null: nothing printed)
     */
    Result run(
            String location,
            Workspace ws,
            IngestOptions base,
            String userFormat,
            IngestListener listener,
            AwsClientConfig config,
            Consumer<List<CloudWatchEvent>> printer)
            throws SQLException, InterruptedException {
        String group = logGroup(location);
        TimeWindow w = new TimeParser(clock).window(shared.from, shared.to);
        Long fromMs = w.from() == null ? null : w.from() * 1000;
        Long toMs = w.to() == null ? null : w.to() * 1000 + 999;
        int pageSize = options.pageSize == null ? CloudWatchQuery.MAX_PAGE : options.pageSize;
        if (pageSize < 1 || pageSize > CloudWatchQuery.MAX_PAGE) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--page-size must be 1-10000");
        }
        if (options.rateOrDefault() < 0) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--rate-limit must be 0 (no limit) or more");
        }
        List<String> notes = new ArrayList<>();
        try {
            return read(group, fromMs, toMs, pageSize, notes, ws, base, userFormat, listener, config, printer);
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

    private Result read(
            String group,
            Long fromMs,
            Long toMs,
            int pageSize,
            List<String> notes,
            Workspace ws,
            IngestOptions base,
            String userFormat,
            IngestListener listener,
            AwsClientConfig config,
            Consumer<List<CloudWatchEvent>> printer)
            throws SQLException, InterruptedException {
        try (CloudWatchSource source = new CloudWatchSource(config, new RateLimiter(options.rateOrDefault(), ticker))) {
            watchStop(source);
            List<String> streams = streamsOfEnis(source, group);
            String format;
            String formatSource;
            CloudWatchSource.FormatLookup lookup = source.formatOf(group);
            if (lookup.logFormat() != null) {
                format = lookup.logFormat();
                formatSource = "ec2:DescribeFlowLogs (" + String.join(", ", lookup.flowLogIds()) + ")";
                if (userFormat != null
                        && !FlowFormat.parseUserFormat(userFormat).equals(FlowFormat.parseUserFormat(format))) {
                    notes.add("--format differs from the LogFormat of the flow log delivering to " + group
                            + ": the LogFormat is used");
                }
            } else {
                if (lookup.note() != null) {
                    notes.add(lookup.note());
                }
                format = userFormat;
                formatSource = userFormat != null ? "--format" : "the default format (v2)";
            }
            FlowFormat fmt = format == null ? null : FlowFormat.parseUserFormat(format);
            IngestOptions ingestOptions =
                    new IngestOptions(fmt, base.strict(), base.threads(), base.batchSize(), base.groupRecords());
            Loader loader = new Loader(ws, group, ingestOptions, listener, printer);
            loader.start(fromMs, toMs);
            CloudWatchQuery query = new CloudWatchQuery(group, streams, fromMs, toMs, options.filterPattern, pageSize);
            boolean complete = fetch(source, query, loader);
            loader.flush();
            int polls = 0;
            if (options.follow && complete) {
                long poll = options.pollSeconds == null ? 5 : Math.max(1, options.pollSeconds);
                while (pause.await(poll)) {
                    polls++;
                    long since = Math.max(
                            fromMs == null ? Long.MIN_VALUE : fromMs,
                            (loader.newest == Long.MIN_VALUE ? clock.millis() : loader.newest) - FOLLOW_OVERLAP_MILLIS);
                    loader.start(since, null);
                    complete = fetch(source, query.withWindow(since, toMs), loader);
                    loader.flush();
                    if (!complete) {
                        break;
                    }
                }
            }
            stop.countDown();
            CloudWatchSource.Counts counts = source.counts();
            return new Result(
                    loader.total == null ? IngestSummary.EMPTY : loader.total,
                    group,
                    streams,
                    format == null ? null : fmt.headerLine(),
                    formatSource,
                    notes,
                    counts,
                    loader.known,
                    loader.added,
                    polls,
                    !complete,
                    new Timings(loader.journalNanos, loader.ingestNanos, loader.pruneNanos));
        }
    }

    /** A page handed from the fetching thread to the loading one; {@code events} null ends the run. */
    private record Page(List<CloudWatchEvent> events) {}

    /**
     * Reads every page of the query into the loader. With {@code --prefetch N} (default
     * {@link CloudWatchOptions#DEFAULT_PREFETCH}) a thread of its own asks for the pages, up to N ahead
     * of the loading, so requests wait for the rate limit while earlier pages are committed; the
     * journal and the ingest stay on this thread, in page order. Returns false when stopped early.
     */
    private boolean fetch(CloudWatchSource source, CloudWatchQuery query, Loader loader)
            throws InterruptedException, SQLException {
        int ahead = options.prefetchOrDefault();
        if (ahead == 0) {
            return source.read(query, loader::page);
        }
        ArrayBlockingQueue<Page> queue = new ArrayBlockingQueue<>(ahead);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean complete = new AtomicBoolean();
        Thread fetcher = new Thread(
                () -> {
                    try {
                        complete.set(source.read(query, events -> queue.put(new Page(events))));
                    } catch (Throwable e) {
                        failure.set(e);
                    } finally {
                        try {
                            queue.put(new Page(null));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "flowlens-cloudwatch-fetch");
        fetcher.setDaemon(true);
        fetcher.start();
        try {
            for (Page p = queue.take(); p.events() != null; p = queue.take()) {
                loader.page(p.events());
            }
        } catch (RuntimeException | InterruptedException e) {
            source.stop();
            fetcher.interrupt();
            throw e;
        }
        fetcher.join();
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof InterruptedException ie) {
            throw ie;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("fetching failed", t);
        }
        return complete.get();
    }

    /** Gathers pages' new events, journals them and hands them to the ingest. */
    private static final class Loader {
        private final Workspace ws;
        private final String group;
        private final IngestOptions options;
        private final IngestListener listener;
        private final Consumer<List<CloudWatchEvent>> printer;
        private final CloudWatchEvents journal;
        private final Set<String> seen = new HashSet<>();
        private final List<CloudWatchInput> pending = new ArrayList<>();
        private int pendingEvents;
        IngestSummary total;
        long known;
        long added;
        long newest = Long.MIN_VALUE;
        long journalNanos;
        long ingestNanos;
        long pruneNanos;

        Loader(
                Workspace ws,
                String group,
                IngestOptions options,
                IngestListener listener,
                Consumer<List<CloudWatchEvent>> printer) {
            this.ws = ws;
            this.group = group;
            this.options = options;
            this.listener = listener;
            this.printer = printer;
            this.journal = new CloudWatchEvents(ws.connection());
        }

        /** Learns which events of the window the workspace holds (after dropping those of inputs that never committed). */
        void start(Long fromMs, Long toMs) throws SQLException {
            journal.prune();
            seen.addAll(journal.known(group, fromMs, toMs));
        }

        void page(List<CloudWatchEvent> events) {
            List<CloudWatchEvent> fresh = new ArrayList<>(events.size());
            for (CloudWatchEvent e : events) {
                if (seen.add(e.eventId())) {
                    fresh.add(e);
                } else {
                    known++;
                }
            }
            if (!fresh.isEmpty()) {
                pending.add(new CloudWatchInput(group, fresh));
                pendingEvents += fresh.size();
            }
            if (pendingEvents >= FLUSH_EVENTS || pending.size() >= FLUSH_INPUTS) {
                try {
                    flush();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            List<CloudWatchInput> batch = List.copyOf(pending);
            pending.clear();
            pendingEvents = 0;
            long t0 = System.nanoTime();
            journal.journal(group, batch);
            long t1 = System.nanoTime();
            IngestSummary s = new Ingestor(ws, options, listener).ingestInputs(new ArrayList<InputFile>(batch));
            long t2 = System.nanoTime();
            // events of inputs that did not commit are dropped from the journal: the next run loads them
            journal.prune();
            journalNanos += t1 - t0;
            ingestNanos += t2 - t1;
            pruneNanos += System.nanoTime() - t2;
            Set<String> failed = new HashSet<>();
            for (FileResult f : s.failures()) {
                if (f.status() == FileResult.Status.FAILED) {
                    failed.add(f.path());
                }
            }
            for (CloudWatchInput in : batch) {
                if (failed.contains(in.location())) {
                    continue;
                }
                added += in.events().size();
                for (CloudWatchEvent e : in.events()) {
                    newest = Math.max(newest, e.timestamp());
                }
                if (printer != null) {
                    printer.accept(in.events());
                }
            }
            total = total == null ? s : total.plus(s);
        }
    }
}
