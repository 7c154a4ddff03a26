package dev.flowlens.cli.command;

import dev.flowlens.cli.OptionChecks;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.s3.S3Selection;
import dev.flowlens.core.time.TimeParser;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.s3.S3InputFile;
import dev.flowlens.sources.s3.S3Location;
import dev.flowlens.sources.s3.S3Metrics;
import dev.flowlens.sources.s3.S3Source;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import dev.flowlens.store.ingest.SourceCatalog;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ingest s3://BUCKET[/PREFIX]}: lists what the window, accounts and regions need, leaves out
 * what the catalog has already, and loads the rest through the same {@link Ingestor} as local files.
 * Runs without a window store the listing cursors {@code --new} starts from.
 */
final class S3Ingest implements AutoCloseable {
    /** What one run did beyond the ingest summary. */
    record Result(
            IngestSummary summary, int listed, int unchanged, int ignored, int stopped, S3Metrics.Counts requests) {}

    private final S3Options options;
    private final Clock clock;
    /** Counted down when the command has printed its summary: a Ctrl-C waits for it. */
    private final CountDownLatch finished = new CountDownLatch(1);

    private Thread hook;

    S3Ingest(S3Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    AwsClientConfig clientConfig() {
        return new AwsClientConfig(
                options.profile,
                options.bucketRegion,
                options.roleArn,
                options.externalId,
                options.endpointUrl,
                AwsClientConfig.DEFAULT_MAX_ATTEMPTS,
                AwsClientConfig.DEFAULT_BASE_DELAY);
    }

    S3Selection selection() {
        TimeWindow w = new TimeParser(clock).parseWindow(options.from, options.to);
        return new S3Selection(w.from(), w.to(), Set.copyOf(options.accounts), Set.copyOf(options.regions));
    }

    Result run(
            List<String> locations,
            Workspace ws,
            IngestOptions ingestOptions,
            IngestListener listener,
            AwsClientConfig config)
            throws SQLException {
        int parallel = OptionChecks.positive(options.parallelOrDefault(), "--parallel");
        S3Selection selection = selection();
        boolean windowed = selection.from() != null || selection.to() != null;
        SourceCatalog catalog = new SourceCatalog(ws.connection());
        IngestSummary total = null;
        int listed = 0;
        int unchanged = 0;
        int ignored = 0;
        int stopped = 0;
        S3Metrics.Counts counts = null;
        try (S3Source source = new S3Source(config, parallel)) {
            hook = new Thread(
                    () -> {
                        // Ctrl-C: the objects in flight finish (each committed whole or not at all), the rest wait for
                        // the next run
                        source.stop();
                        try {
                            finished.await(5, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "flowlens-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                for (String text : locations) {
                    S3Location where = S3Location.parse(text);
                    String sourceName = "s3://" + where.bucket() + "/";
                    Map<String, String> before = options.onlyNew ? catalog.cursors(sourceName) : Map.of();
                    S3Source.Plan plan = source.plan(where, selection, before::get);
                    listed += plan.objects().size();
                    ignored += plan.ignored();
                    Set<String> known;
                    try {
                        known = catalog.unchanged(plan.objects(), sourceName);
                    } catch (IOException e) {
                        throw new IllegalStateException(e); // listed objects know their length and time
                    }
                    unchanged += known.size();
                    List<S3InputFile> toLoad = plan.objects().stream()
                            .filter(o -> !known.contains(o.location()))
                            .toList();
                    source.fetchAhead(toLoad);
                    IngestSummary s =
                            new Ingestor(ws, ingestOptions, listener).ingestInputs(new ArrayList<InputFile>(toLoad));
                    stopped += source.refused().size();
                    s = withoutRefused(s, source.refused());
                    if (!windowed) {
                        catalog.saveCursors(sourceName, nextCursors(plan, s, source.refused()));
                    }
                    total = total == null ? s : total.plus(s);
                }
            } finally {
                counts = source.counts();
            }
        }
        return new Result(total, listed, unchanged, ignored, stopped, counts);
    }

    /** Called once the summary is printed: a Ctrl-C that came meanwhile may now end the JVM. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and returns now
            }
        }
    }

    /** The cursors after a run: each resumable listing moves past the keys that are done. */
    static Map<String, String> nextCursors(S3Source.Plan plan, IngestSummary s, Set<String> refused) {
        Set<String> notDone = new HashSet<>(refused);
        for (FileResult f : s.failures()) {
            if (f.status() == FileResult.Status.FAILED) {
                notDone.add(f.path());
            }
        }
        return plan.nextCursors(notDone);
    }

    /** The summary without the objects refused after Ctrl-C (counted apart: they were not read, the next run loads them). */
    private static IngestSummary withoutRefused(IngestSummary s, Set<String> refused) {
        if (refused.isEmpty()) {
            return s;
        }
        List<FileResult> failures =
                s.failures().stream().filter(f -> !refused.contains(f.path())).toList();
        return new IngestSummary(
                s.filesLoaded(),
                s.filesSkipped(),
                s.filesFailed() - (s.failures().size() - failures.size()),
                s.records(),
                s.badLines(),
                s.bytes(),
                s.seconds(),
                failures,
                s.sampleProblems());
    }

    /** Refuses s3-only options with local paths, and a mix of both kinds of location. */
    static boolean isS3Run(List<String> locations, S3Options options) {
        long s3 = locations.stream().filter(S3Location::isS3).count();
        if (s3 > 0 && s3 < locations.size()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "give either s3:// locations or local paths, not both (run ingest twice)");
        }
        if (s3 == 0 && options.anyGiven()) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--from, --to, --account, --region, --new, --parallel and the AWS options apply to s3:// locations only");
        }
        return s3 > 0;
    }
}
