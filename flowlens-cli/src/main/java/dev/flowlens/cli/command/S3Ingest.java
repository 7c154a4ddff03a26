package dev.flowlens.cli.command;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3Selection;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.OptionChecks;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.s3.S3Location;
import dev.flowlens.sources.s3.S3Metrics;
import dev.flowlens.sources.s3.S3Source;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.S3Load;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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
    private final List<String> enis;
    private final Clock clock;
    /** Counted down when the command has printed its summary: a Ctrl-C waits for it. */
    private final CountDownLatch finished = new CountDownLatch(1);

    private Thread hook;

    /** {@code enis}: only the records of these interfaces (empty: all). */
    S3Ingest(S3Options options, List<String> enis, Clock clock) {
        this.options = options;
        this.enis = List.copyOf(enis);
        this.clock = clock;
    }

    AwsClientConfig clientConfig() {
        return options.credentials.clientConfig(options.bucketRegion);
    }

    S3Selection selection() {
        TimeWindow w = options.window(clock);
        return new S3Selection(w.from(), w.to(), Set.copyOf(options.accounts), Set.copyOf(options.regions));
    }

    Result run(
            List<String> locations, Workspace ws, IngestOptions given, IngestListener listener, AwsClientConfig config)
            throws SQLException {
        int parallel = OptionChecks.positive(options.parallelOrDefault(), "--parallel");
        S3Selection selection = selection();
        // the records of the window and of --eni; the catalog remembers them per object
        IngestOptions ingestOptions = given.withSelection(RecordSelection.of(selection.from(), selection.to(), enis));
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
                    S3Load.Outcome o = S3Load.load(
                            source, S3Location.parse(text), selection, options.onlyNew, ws, ingestOptions, listener);
                    listed += o.listed();
                    unchanged += o.unchanged();
                    ignored += o.ignored();
                    stopped += o.stopped();
                    total = total == null ? o.summary() : total.plus(o.summary());
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

    /** Refuses s3-only options with local paths, and a mix of both kinds of location. */
    static boolean isS3Run(List<String> locations, S3Options options) {
        return Locations.allOf(
                locations,
                S3Location::isS3,
                "give either s3:// locations or local paths, not both (run ingest twice)",
                options.anyGiven(),
                "--account, --region, --new, --parallel and the AWS options apply to s3:// locations only");
    }
}
