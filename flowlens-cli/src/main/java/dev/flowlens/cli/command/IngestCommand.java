package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.time.TimeWindow;
import dev.flowlens.options.OptionChecks;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.RecordFilterOptions;
import dev.flowlens.sources.InputFiles;
import dev.flowlens.sources.cloudwatch.RateLimiter;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.FileResult;
import dev.flowlens.store.ingest.IngestListener;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestReport;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "ingest",
        description = {
            "Load flow log files into the workspace, from local files or straight from S3.",
            "Reads plain or gzip text (S3 files with their header line, CloudWatch exports, JSON lines,",
            "CloudWatch Logs subscription payloads) and Parquet. Folders are walked recursively.",
            "s3://BUCKET[/PREFIX] lists only the day or hour folders --from/--to, --account and --region need.",
            "cloudwatch:LOG_GROUP reads the group's events (FilterLogEvents) in --from/--to, of --eni's streams, matching --filter.",
            "Loading the same files again adds nothing; a killed run can simply be run again."
        },
        footer = {
            "",
            "Formats: --format '$${version} $${srcaddr} ...', 'version srcaddr ...', or v2..v11, tgw.",
            "Exit codes: 0 done (bad lines are reported, not failures), 1 failed, 2 usage error."
        })
public final class IngestCommand extends WorkspaceCommand {
    @Option(names = "--format", paramLabel = "FMT")
    String format;

    @Option(names = "--strict")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N")
    Integer threads;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            descriptionKey = "ingest.output")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = "--quiet")
    boolean quiet;

    @Parameters(paramLabel = "PATH", arity = "1..*", descriptionKey = "path")
    List<String> paths;

    @Mixin
    S3Options s3;

    @Mixin
    CloudWatchOptions cloudwatch;

    /** search's filters on what --follow prints. */
    @Mixin
    RecordFilterOptions followFilters;

    @Override
    protected int run(PrintWriter out) throws Exception {
        FlowFormat fmt = format == null ? null : FlowFormat.parseUserFormat(format);
        PrintWriter err = spec.commandLine().getErr();
        IngestOptions defaults = IngestOptions.defaults();
        IngestOptions options = new IngestOptions(
                fmt,
                strict,
                threads == null ? defaults.threads() : OptionChecks.positive(threads, "--threads"),
                defaults.batchSize());
        if (followFilters.anyGiven() && !cloudwatch.follow) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT,
                    "--ip, --src, --dst, --port, --src-port, --dst-port, --protocol, --action and --status choose what "
                            + "cloudwatch: --follow prints; they need --follow (ingest loads every record)");
        }
        // a summary: a table or json, not csv or jsonl (once printed as a table without a word)
        output.offeredAmong(OutputFormat.TABLE, OutputFormat.JSON);
        boolean progress = !quiet && output != OutputFormat.JSON && System.console() != null;
        ProgressBar bar = new ProgressBar(err, progress);
        if (CloudWatchIngest.isCloudWatchRun(paths, cloudwatch)) {
            CloudWatchIngest.Result logs = cloudWatch(options, bar, out);
            return print(logs.summary(), List.of(), null, logs, out);
        }
        if (S3Ingest.isS3Run(paths, s3)) {
            // closed after the summary is printed: a Ctrl-C waits for it
            try (S3Ingest ingest = new S3Ingest(s3, cloudwatch.enis, Clock.systemUTC())) {
                S3Ingest.Result remote;
                try (Workspace ws = workspace.open()) {
                    remote = ingest.run(paths, ws, options, bar, ingest.clientConfig());
                } finally {
                    bar.finish();
                }
                return print(remote.summary(), List.of(), remote, null, out);
            }
        }
        List<Path> all = paths.stream().map(Path::of).toList();
        // a lake (export --lake, spark ingest) is read whole, with its manifest; the Ingestor does that
        List<Path> lakes = all.stream().filter(Ingestor::isLake).toList();
        List<Path> local = all.stream().filter(p -> !Ingestor.isLake(p)).toList();
        // broken links and link cycles inside folders are reported as failed entries; the other files load
        InputFiles.Expansion expansion = InputFiles.expand(local);
        List<InputFiles.Unreadable> skipped = expansion.skipped();
        List<Path> toLoad = new java.util.ArrayList<>(expansion.unreadable().isEmpty() ? expansion.files() : local);
        toLoad.addAll(lakes);
        TimeWindow window = s3.window(Clock.systemUTC());
        IngestOptions kept = options.withSelection(RecordSelection.of(window.from(), window.to(), cloudwatch.enis));
        IngestSummary s;
        try (Workspace ws = workspace.open()) {
            s = new Ingestor(ws, kept, bar).ingest(toLoad);
        } finally {
            bar.finish();
        }
        return print(s, skipped, null, null, out);
    }

    private int print(
            IngestSummary s,
            List<InputFiles.Unreadable> skipped,
            S3Ingest.Result remote,
            CloudWatchIngest.Result logs,
            PrintWriter out) {
        Outcome o = new Outcome(s, skipped, remote, logs);
        if (output == OutputFormat.JSON) {
            printJson(o, out);
        } else {
            printText(o, out);
        }
        return o.failed() > 0 || remote != null && remote.stopped() > 0 ? 1 : 0;
    }

    /** What an ingest did: the summary, the inputs it could not read, and what S3 or CloudWatch reported (or null). */
    private record Outcome(
            IngestSummary summary,
            List<InputFiles.Unreadable> skipped,
            S3Ingest.Result remote,
            CloudWatchIngest.Result logs) {
        int alreadyLoaded() {
            return summary.filesSkipped() + (remote == null ? 0 : remote.unchanged());
        }

        int failed() {
            return summary.filesFailed() + skipped.size();
        }
    }

    private void printJson(Outcome o, PrintWriter out) {
        IngestSummary s = o.summary();
        List<IngestReport.Failure> failures = new ArrayList<>();
        for (InputFiles.Unreadable u : o.skipped()) {
            failures.add(new IngestReport.Failure(u.path().toString(), FileResult.Status.FAILED.name(), 0, u.reason()));
        }
        failures.addAll(IngestReport.Failure.of(s));
        new Printer(out)
                .printJson(new IngestReport(
                        s.filesLoaded(),
                        o.alreadyLoaded(),
                        o.failed(),
                        s.records(),
                        s.recordsLeftOut(),
                        s.badLines(),
                        IngestReport.millis(s.seconds()),
                        Math.round(s.recordsPerSecond()),
                        workspace.path().toAbsolutePath().toString(),
                        o.remote() == null ? null : S3Report.json(o.remote()),
                        o.logs() == null ? null : CloudWatchReport.json(o.logs()),
                        failures,
                        s.sampleProblems()));
    }

    private void printText(Outcome o, PrintWriter out) {
        IngestSummary s = o.summary();
        out.printf(
                "Loaded %d file(s), skipped %d already loaded, %d failed: %,d records, %,d bad lines in %.2f s (%,d records/s)%n",
                s.filesLoaded(),
                o.alreadyLoaded(),
                o.failed(),
                s.records(),
                s.badLines(),
                s.seconds(),
                Math.round(s.recordsPerSecond()));
        if (s.recordsLeftOut() > 0) {
            out.printf(
                    "Left out %,d records outside --from/--to/--eni (a run with a wider selection loads them)%n",
                    s.recordsLeftOut());
        }
        for (InputFiles.Unreadable u : o.skipped()) {
            out.printf("  FAILED %s: %s%n", u.path(), u.reason());
        }
        for (FileResult f : s.failures()) {
            out.printf(
                    "  %s %s: %s (%,d records loaded from it)%n",
                    f.status() == FileResult.Status.PARTIAL ? "PARTIAL" : "FAILED",
                    TerminalText.escape(String.valueOf(f.path())),
                    TerminalText.escape(f.error()),
                    f.records());
        }
        if (!s.sampleProblems().isEmpty()) {
            out.println("Bad lines (first " + s.sampleProblems().size() + "; all with 'flowlens bad-lines'):");
            for (ParseProblem p : s.sampleProblems()) {
                out.println("  " + TerminalText.escape(p.describe()));
            }
        }
        if (o.remote() != null) {
            S3Report.text(out, o.remote());
        }
        if (o.logs() != null) {
            CloudWatchReport.text(out, o.logs());
        }
        out.println("Workspace: " + workspace.path().toAbsolutePath());
    }

    /** {@code cloudwatch:LOG_GROUP}: one log group, then --follow until Ctrl-C, printing the new records that match. */
    private CloudWatchIngest.Result cloudWatch(IngestOptions options, ProgressBar bar, PrintWriter out)
            throws Exception {
        if (paths.size() != 1) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "give one cloudwatch:LOG_GROUP (run ingest once per log group)");
        }
        CloudWatchIngest ingest = new CloudWatchIngest(s3, cloudwatch, Clock.systemUTC(), RateLimiter.SYSTEM);
        Thread hook = new Thread(ingest::stopAndWait, "flowlens-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Workspace ws = workspace.open()) {
            return ingest.run(
                    paths.get(0),
                    ws,
                    options,
                    format,
                    cloudwatch.follow ? new IngestListener() {} : bar,
                    ingest.clientConfig(),
                    cloudwatch.follow
                            ? new FollowPrinter(ws, followFilters.toFilter(), FollowPrinter.lines(out))
                            : null);
        } finally {
            bar.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running
            }
        }
    }

    /** Files, records and MB/s on one terminal line. */
    static final class ProgressBar implements IngestListener {
        private final PrintWriter err;
        private final boolean enabled;
        private final long start = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private volatile int files;
        private volatile long totalBytes;
        private volatile long lastDraw;

        ProgressBar(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void started(int fileCount, long total) {
            files = fileCount;
            totalBytes = total;
        }

        @Override
        public void fileDone(FileResult result) {
            done.incrementAndGet();
            records.addAndGet(result.records());
            bytes.addAndGet(result.bytes());
            long now = System.nanoTime();
            if (enabled && (now - lastDraw > 100_000_000L || done.get() == files)) {
                lastDraw = now;
                draw(now);
            }
        }

        private synchronized void draw(long now) {
            double secs = Math.max(1e-3, (now - start) / 1e9);
            double fraction = totalBytes > 0 ? Math.min(1.0, bytes.get() / (double) totalBytes) : 1.0;
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            double rate = bytes.get() / secs;
            long left = rate > 0 ? Math.round((totalBytes - bytes.get()) / rate) : 0;
            err.printf(
                    "\r[%s%s] %d/%d files  %.1f/%.1f MB  %,d records  %.1f MB/s  %d:%02d left ",
                    "#".repeat(filled),
                    " ".repeat(width - filled),
                    done.get(),
                    files,
                    bytes.get() / 1e6,
                    totalBytes / 1e6,
                    records.get(),
                    rate / 1e6,
                    Math.max(0, left) / 60,
                    Math.max(0, left) % 60);
            err.flush();
        }

        void finish() {
            if (enabled && files > 0) {
                err.println();
                err.flush();
            }
        }
    }
}
