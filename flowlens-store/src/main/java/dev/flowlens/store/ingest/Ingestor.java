package dev.flowlens.store.ingest;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.sources.InputFiles;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.input.LocalInputFile;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * Loads files into a workspace. Each file's records, bad lines and catalog row are appended in one
 * transaction (shared by whole files up to about a million records), so a file is in the workspace
 * whole or not at all, and a rerun loads exactly what is missing. Files are recognised by path, size and time
 * (skipped without reading) and by content (SHA-256: a copy under another name is skipped).
 */
public final class Ingestor {
    private final Workspace workspace;
    private final IngestOptions options;
    private final IngestListener listener;
    private final InputCompanion companion;
    /** DuckDB's memory limit before this ingest lowered it (bytes; -1 until read). */
    private long limitBefore = -1;

    private int writerThreads = 1;

    public Ingestor(Workspace workspace, IngestOptions options, IngestListener listener) {
        this(workspace, options, listener, InputCompanion.NONE);
    }

    /** An ingest that also writes {@code companion}'s rows with each loaded input, in its transaction. */
    public Ingestor(Workspace workspace, IngestOptions options, IngestListener listener, InputCompanion companion) {
        this.workspace = workspace;
        this.options = options;
        this.listener = listener;
        this.companion = companion;
    }

    /** Whether {@code dir} is a flow log lake ({@code flows} and {@code _manifest} in it), which {@link #ingest} reads whole. */
    public static boolean isLake(Path dir) {
        return LakeImport.isLake(dir);
    }

    public IngestSummary ingest(List<Path> paths) throws SQLException {
        List<Path> lakes = paths.stream().filter(LakeImport::isLake).toList();
        if (lakes.isEmpty()) {
            return ingestPaths(paths);
        }
        // a lake (export --lake, spark ingest) is read back with its manifest, not file by file
        List<Path> files = paths.stream().filter(p -> !LakeImport.isLake(p)).toList();
        IngestSummary s = files.isEmpty() ? null : ingestPaths(files);
        for (Path lake : lakes) {
            IngestSummary l = new LakeImport(workspace.connection()).load(lake);
            s = s == null ? l : s.plus(l);
        }
        return s;
    }

    private IngestSummary ingestPaths(List<Path> paths) throws SQLException {
        InputFiles.Expansion expansion = InputFiles.expand(paths);
        if (!expansion.unreadable().isEmpty()) {
            InputFiles.Unreadable u = expansion.unreadable().get(0);
            boolean missing = u.cause() == InputFiles.Cause.MISSING || u.cause() == InputFiles.Cause.BROKEN_LINK;
            throw new FlowlensException(
                    missing ? ErrorCode.PATH_NOT_FOUND : ErrorCode.PATH_UNREADABLE,
                    "cannot read " + u.path() + ": " + u.reason()
                            + (expansion.unreadable().size() > 1
                                    ? " (and " + (expansion.unreadable().size() - 1) + " more)"
                                    : ""));
        }
        List<InputFile> inputs = new ArrayList<>();
        for (Path f : expansion.files()) {
            inputs.add(new LocalInputFile(f));
        }
        return ingestInputs(inputs);
    }

    /**
     * Loads inputs of any source (local files, S3 objects, ...): the same claims, catalog checks,
     * transactions and reports for all of them.
     */
    public IngestSummary ingestInputs(List<InputFile> files) throws SQLException {
        long t0 = System.nanoTime();
        listener.reached(IngestListener.Point.LISTED);
        long totalBytes = 0;
        for (InputFile f : files) {
            try {
                totalBytes += f.length();
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        listener.started(files.size(), totalBytes);
        List<ParseProblem> samples = Collections.synchronizedList(new ArrayList<>());
        IngestRun run = new IngestRun(
                workspace,
                options,
                listener,
                new ReentrantReadWriteLock(true),
                ConcurrentHashMap.newKeySet(),
                new ConcurrentHashMap<>(),
                samples,
                this::boundMemory,
                new RecordFeed(options.directVectorWrites()),
                companion);
        List<FileResult> results = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(options.threads(), Math.max(1, files.size()));
        run.feed().register(workspace.connection());
        writerThreads = threads;
        boundMemory(workspace.connection());
        runLoaders(run, files, threads, results);
        listener.reached(IngestListener.Point.FINISHED);
        return summarize(results, samples, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Runs {@code threads} file loaders over the inputs. A loader that fails stops the others from
     * taking new inputs; every loader ends (rolling back what it holds) before the failure is thrown.
     */
    private void runLoaders(IngestRun run, List<InputFile> files, int threads, List<FileResult> results)
            throws SQLException {
        AtomicInteger nextFile = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flowlens-ingest");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    try (FileLoader loader = new FileLoader(run, workspace.newConnection())) {
                        int i;
                        while ((i = nextFile.getAndIncrement()) < files.size()) {
                            report(loader.offer(files.get(i)), results);
                        }
                        report(loader.commitGroup(), results);
                    } catch (Exception | Error e) {
                        nextFile.set(files.size());
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure != null) {
                throw failureOf(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void report(List<FileResult> done, List<FileResult> results) {
        for (FileResult r : done) {
            results.add(r);
            listener.fileDone(r);
        }
    }

    private static IngestSummary summarize(List<FileResult> results, List<ParseProblem> samples, double seconds) {
        int loaded = 0;
        int skipped = 0;
        int failed = 0;
        long records = 0;
        long bad = 0;
        long bytes = 0;
        long leftOut = 0;
        List<FileResult> failures = new ArrayList<>();
        for (FileResult r : results) {
            switch (r.status()) {
                case LOADED -> loaded++;
                case SKIPPED -> skipped++;
                case PARTIAL, FAILED -> {
                    failed++;
                    failures.add(r);
                }
            }
            records += r.records();
            bad += r.badLines();
            bytes += r.bytes();
            leftOut += r.recordsLeftOut();
        }
        failures.sort((a, b) -> a.path().compareTo(b.path()));
        List<ParseProblem> sample;
        synchronized (samples) {
            sample = samples.stream()
                    .sorted((a, b) -> a.file().equals(b.file())
                            ? Long.compare(a.line(), b.line())
                            : a.file().compareTo(b.file()))
                    .limit(IngestRun.SAMPLE_PROBLEMS)
                    .collect(Collectors.toList());
        }
        return new IngestSummary(loaded, skipped, failed, records, bad, bytes, seconds, failures, sample, leftOut);
    }

    /**
     * DuckDB's memory for an ingest, in MB: a base for the blocks it caches and the statements in
     * flight, plus 4 MB per column and writer thread (each open transaction keeps buffers per column
     * of the rows it writes, so a workspace with every field of every version needs more than a v2
     * one: a Parquet load into a 69-column workspace with two workers failed at 530 MB and passed at
     * 808). Beyond it DuckDB spills to disk or fails the statement; without it DuckDB may take 80 %
     * of the machine and, as it keeps the blocks it wrote cached, grows with the input.
     */
    static long memoryLimitMb(int columns, int threads) {
        return 256 + 4L * columns * threads;
    }

    /**
     * Sets DuckDB's memory limit to {@link #memoryLimitMb} for the workspace's current columns, never
     * above the limit it had before the ingest; called again when columns are added.
     */
    private synchronized void boundMemory(DuckDBConnection c) throws SQLException {
        long mb = memoryLimitMb(WorkspaceSchema.recordColumns(c).size(), writerThreads);
        try (Statement st = c.createStatement()) {
            if (limitBefore < 0) {
                try (ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
                    rs.next();
                    limitBefore = parseBytes(rs.getString(1));
                }
            }
            if ((mb << 20) < limitBefore) {
                st.execute("SET memory_limit = '" + mb + "MB'");
            }
        }
    }

    /** DuckDB's memory setting text ({@code 512.0 MiB}, {@code 19.2 GiB}) in bytes; unknown text counts as unlimited. */
    static long parseBytes(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        String[] units = {"KIB", "MIB", "GIB", "TIB", "KB", "MB", "GB", "TB", "B"};
        long[] factors = {1L << 10, 1L << 20, 1L << 30, 1L << 40, 1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L, 1
        };
        for (int i = 0; i < units.length; i++) {
            if (t.endsWith(units[i])) {
                try {
                    return (long) (Double.parseDouble(t.substring(0, t.length() - units[i].length())) * factors[i]);
                } catch (NumberFormatException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return Long.MAX_VALUE;
    }

    /** The exception that reports a worker's failure. */
    private static RuntimeException failureOf(Throwable cause) throws SQLException {
        if (cause instanceof FileLoader.StrictStop st) {
            return new FlowlensException(
                    ErrorCode.BAD_LINE_STRICT, "stopped at the first bad line (--strict): " + st.problem.describe());
        }
        if (cause instanceof FileLoader.UncheckedSql us) {
            cause = us.getCause();
        }
        if (cause instanceof SQLException se) {
            FlowlensException known = StoreFailures.classify(se);
            if (known != null) {
                return known;
            }
            throw se;
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException("ingest failed", cause);
    }
}
