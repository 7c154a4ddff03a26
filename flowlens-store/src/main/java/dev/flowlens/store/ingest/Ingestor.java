package dev.flowlens.store.ingest;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.sources.FileKind;
import dev.flowlens.sources.FlowFileReader;
import dev.flowlens.sources.InputFiles;
import dev.flowlens.sources.ReadOutcome;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.input.LocalInputFile;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.WorkspaceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
    /** Files are written under the read lock; adding columns takes the write lock, so no write is in flight. */
    private final ReentrantReadWriteLock schemaChange = new ReentrantReadWriteLock(true);
    private static final int SAMPLE_PROBLEMS = 20;

    private final Workspace workspace;
    private final IngestOptions options;
    private final IngestListener listener;
    /** The files of this run by real path (symbolic links resolved): a file listed twice is read once. */
    private final Set<String> claimedPaths = ConcurrentHashMap.newKeySet();
    /** The contents of this run by SHA-256, with the file that claimed each: a copy is skipped, not loaded twice. */
    private final ConcurrentHashMap<String, String> claimedContent = new ConcurrentHashMap<>();
    /** DuckDB's memory limit before this ingest lowered it (bytes; -1 until read). */
    private long limitBefore = -1;
    private int writerThreads = 1;

    public Ingestor(Workspace workspace, IngestOptions options, IngestListener listener) {
        this.workspace = workspace;
        this.options = options;
        this.listener = listener;
    }

    /** Thrown inside a file's read when strict mode meets a bad line. */
    private static final class StrictStop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ParseProblem problem;

        StrictStop(ParseProblem problem) {
            super(problem.describe(), null, false, false);
            this.problem = problem;
        }
    }

    /** A file that stopped being readable while it was read (an I/O error, not damaged gzip). */
    private static final class UnreadableFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String file, IOException cause) {
            super(file + ": " + cause.getMessage(), cause, false, false);
        }
    }

    private static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }
    }

    public IngestSummary ingest(List<Path> paths) throws SQLException {
        InputFiles.Expansion expansion = InputFiles.expand(paths);
        if (!expansion.unreadable().isEmpty()) {
            InputFiles.Unreadable u = expansion.unreadable().get(0);
            boolean missing = u.cause() == InputFiles.Cause.MISSING || u.cause() == InputFiles.Cause.BROKEN_LINK;
            throw new FlowlensException(missing ? ErrorCode.PATH_NOT_FOUND : ErrorCode.PATH_UNREADABLE,
                    "cannot read " + u.path() + ": " + u.reason()
                            + (expansion.unreadable().size() > 1 ? " (and " + (expansion.unreadable().size() - 1) + " more)" : ""));
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
        List<FileResult> results = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(options.threads(), Math.max(1, files.size()));
        RecordWriter.registerFeed(workspace.connection());
        writerThreads = threads;
        boundMemory(workspace.connection());
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
                    try (Worker worker = new Worker(workspace.newConnection(), samples)) {
                        int i;
                        while ((i = nextFile.getAndIncrement()) < files.size()) {
                            for (FileResult r : worker.offer(files.get(i))) {
                                results.add(r);
                                listener.fileDone(r);
                            }
                        }
                        for (FileResult r : worker.commitGroup()) {
                            results.add(r);
                            listener.fileDone(r);
                        }
                    }
                    return null;
                }));
            }
            Throwable failure = null;
            for (Future<?> f : futures) {
                // every worker ends (and rolls back what it holds) before the ingest reports anything
                try {
                    f.get();
                } catch (ExecutionException e) {
                    nextFile.set(files.size());
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
        int loaded = 0;
        int skipped = 0;
        int failed = 0;
        long records = 0;
        long bad = 0;
        long bytes = 0;
        List<FileResult> failures = new ArrayList<>();
        for (FileResult r : results) {
            switch (r.status()) {
                case LOADED:
                    loaded++;
                    break;
                case SKIPPED:
                    skipped++;
                    break;
                case PARTIAL:
                case FAILED:
                    failed++;
                    failures.add(r);
                    break;
                default:
                    throw new AssertionError(r.status());
            }
            records += r.records();
            bad += r.badLines();
            bytes += r.bytes();
        }
        failures.sort((a, b) -> a.path().compareTo(b.path()));
        List<ParseProblem> sample;
        synchronized (samples) {
            sample = samples.stream().sorted((a, b) -> a.file().equals(b.file()) ? Long.compare(a.line(), b.line()) : a.file().compareTo(b.file()))
                    .limit(SAMPLE_PROBLEMS).collect(Collectors.toList());
        }
        listener.reached(IngestListener.Point.FINISHED);
        return new IngestSummary(loaded, skipped, failed, records, bad, bytes, (System.nanoTime() - t0) / 1e9, failures, sample);
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
        long[] factors = {1L << 10, 1L << 20, 1L << 30, 1L << 40, 1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L, 1};
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
        if (cause instanceof StrictStop st) {
            return new FlowlensException(ErrorCode.BAD_LINE_STRICT, "stopped at the first bad line (--strict): " + st.problem.describe());
        }
        if (cause instanceof UncheckedSql us) {
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

    /**
     * One thread's connection and record writer. Files are written in group transactions of about
     * {@link IngestOptions#groupRecords()} records (DuckDB commits large appends far faster than many
     * small ones); each file is still all-or-nothing: results are final only once their group commits,
     * and any trouble inside a group rolls it back and loads its files one transaction each.
     */
    private final class Worker implements AutoCloseable {
        private DuckDBConnection connection;
        private RecordWriter writer;
        private final FlowFileReader reader = new FlowFileReader();
        private final List<ParseProblem> samples;
        private final List<Candidate> groupFiles = new ArrayList<>();
        private final List<FileResult> pending = new ArrayList<>();
        private final List<ParseProblem> pendingSamples = new ArrayList<>();
        private long groupRecords;
        private boolean inGroup;

        Worker(DuckDBConnection connection, List<ParseProblem> samples) {
            this.connection = connection;
            this.writer = new RecordWriter(connection);
            this.samples = samples;
        }

        /** Loads a file; returns the results that became final (committed or skipped) with it. */
        List<FileResult> offer(InputFile file) throws SQLException {
            Candidate c;
            try {
                c = examine(file);
            } catch (IOException e) {
                return List.of(cannotRead(file.location(), e));
            }
            if (c.skipped() != null) {
                return List.of(c.skipped());
            }
            if (options.strict() || options.groupRecords() <= 0 || c.kind() == FileKind.PARQUET || c.before() != null) {
                List<FileResult> out = new ArrayList<>(commitGroup());
                out.add(load(c));
                return out;
            }
            if (!inGroup) {
                schemaChange.readLock().lock();
                inGroup = true;
                connection.setAutoCommit(false);
            }
            try {
                Written w = writeFile(c, pendingSamples);
                if (w.parquetSha256() != null) {
                    // a remote object that turned out to be Parquet: DuckDB reads it, in a transaction of its own
                    List<FileResult> out = new ArrayList<>(commitGroup());
                    out.add(load(c.asParquet(w.parquetSha256())));
                    return out;
                }
                groupFiles.add(c);
                pending.add(w.result());
                groupRecords += w.result().records();
            } catch (SQLException | RuntimeException e) {
                if (e instanceof StrictStop) {
                    throw e;
                }
                // load the group's files again one transaction each: only the file at fault fails
                List<Candidate> redo = new ArrayList<>(groupFiles);
                redo.add(c);
                abandonGroup();
                List<FileResult> out = new ArrayList<>();
                for (Candidate each : redo) {
                    out.add(load(each));
                }
                return out;
            }
            return groupRecords >= options.groupRecords() ? commitGroup() : List.of();
        }

        /**
         * What the catalog and this run already know of a file: skipped when listed twice (the same
         * real path), loaded before with the same size and time, or holding content already loaded
         * or claimed in this run; else a candidate to load, replacing the rows of an older version
         * of the same path.
         */
        private Candidate examine(InputFile file) throws IOException, SQLException {
            String path = file.location();
            if (!claimedPaths.add(file.identity())) {
                return Candidate.skip(new FileResult(path, FileResult.Status.SKIPPED, 0, 0, 0, null));
            }
            long size = file.length();
            long mtime = file.lastModified();
            CatalogEntry before = catalogEntry(path);
            if (before != null && before.size() == size && before.mtime() == mtime
                    && (file.version() == null || file.version().equals(before.version()))) {
                return Candidate.skip(new FileResult(path, FileResult.Status.SKIPPED, 0, 0, 0, null));
            }
            if (!file.cheapToReadTwice()) {
                // a remote object: hashed while it is read, the content checks follow the read
                return new Candidate(file, path, size, mtime, null, null, before, null);
            }
            String sha256 = FlowFileReader.sha256Of(file);
            FileKind kind = FlowFileReader.kindOf(file);
            FileResult known = knownContent(path, sha256, size, mtime, before);
            return known != null ? Candidate.skip(known) : new Candidate(file, path, size, mtime, sha256, kind, before, null);
        }

        /**
         * The SKIPPED result when content {@code sha256} is claimed in this run or loaded already (then
         * bringing the catalog up to date: a new time for the same bytes, or an older version's rows
         * removed when the path now holds another loaded file's content); null when it is new.
         */
        private FileResult knownContent(String path, String sha256, long size, long mtime, CatalogEntry before) throws SQLException {
            FileResult skipped = new FileResult(path, FileResult.Status.SKIPPED, 0, 0, size, null);
            String claimedBy = claimedContent.putIfAbsent(sha256, path);
            if (claimedBy != null && !claimedBy.equals(path)) {
                // another file of this run has these bytes (a file claims its own content again when its
                // group transaction is rolled back and it is loaded on its own)
                return skipped;
            }
            if (before != null && before.sha256().equals(sha256)) {
                // the same bytes with a new time: remember the time, read nothing
                try (PreparedStatement ps = connection.prepareStatement("UPDATE files SET size = ?, mtime = ? WHERE file_id = ?")) {
                    ps.setLong(1, size);
                    ps.setLong(2, mtime);
                    ps.setInt(3, before.fileId());
                    ps.executeUpdate();
                }
                return skipped;
            }
            if (contentKnown(sha256)) {
                if (before != null) {
                    // the path now holds what another file already loaded: its old rows go
                    deleteFile(connection, before.fileId());
                }
                return skipped;
            }
            return null;
        }

        /** Commits the open group; returns its results. */
        List<FileResult> commitGroup() throws SQLException {
            if (!inGroup) {
                return List.of();
            }
            try {
                listener.reached(IngestListener.Point.COMMITTING);
                connection.commit();
            } catch (SQLException e) {
                List<Candidate> redo = new ArrayList<>(groupFiles);
                abandonGroup();
                List<FileResult> out = new ArrayList<>();
                for (Candidate each : redo) {
                    out.add(load(each));
                }
                return out;
            }
            connection.setAutoCommit(true);
            listener.reached(IngestListener.Point.COMMITTED);
            List<FileResult> out = new ArrayList<>(pending);
            publishSamples(pendingSamples);
            endGroup();
            return out;
        }

        private void abandonGroup() {
            try {
                discard();
            } finally {
                endGroup();
            }
        }

        private void endGroup() {
            if (!inGroup) {
                return;
            }
            groupFiles.clear();
            pending.clear();
            pendingSamples.clear();
            groupRecords = 0;
            inGroup = false;
            schemaChange.readLock().unlock();
        }

        /**
         * Ends the open transaction without committing anything of it. If the rollback itself fails,
         * the connection is closed (which rolls back) and replaced: a connection whose transaction
         * state is unknown is never switched back to auto-commit, which would commit the half.
         */
        private void discard() {
            writer.abandon();
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                renewConnection();
            }
        }

        private void renewConnection() {
            try {
                writer.close();
            } catch (RuntimeException ignored) {
                // the connection is going away
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing rolls back whatever it still held
            }
            try {
                connection = workspace.newConnection();
                writer = new RecordWriter(connection);
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }

        private void publishSamples(List<ParseProblem> found) {
            synchronized (samples) {
                for (ParseProblem p : found) {
                    if (samples.size() < SAMPLE_PROBLEMS * 4) {
                        samples.add(p);
                    }
                }
            }
        }

        /** Loads one file in its own transaction, adding columns and retrying as needed. */
        private FileResult load(Candidate c) throws SQLException {
            for (int attempt = 0; ; attempt++) {
                try {
                    schemaChange.readLock().lock();
                    try {
                        return loadOnce(c);
                    } finally {
                        schemaChange.readLock().unlock();
                    }
                } catch (RecordWriter.MissingColumns m) {
                    if (attempt > 8) {
                        throw new IllegalStateException("columns keep missing: " + m.getMessage());
                    }
                    schemaChange.writeLock().lock();
                    try {
                        WorkspaceSchema.ensureColumns(connection, m.fields, m.extras);
                        boundMemory(connection);
                    } finally {
                        schemaChange.writeLock().unlock();
                    }
                } catch (SQLException e) {
                    // another worker changed the table (new columns) while this file was being written
                    if (attempt > 8 || !StoreFailures.isTransactionConflict(e)) {
                        throw e;
                    }
                }
            }
        }

        /** Loads a Parquet input through DuckDB's reader, from a local copy when the input is remote. */
        private FileResult loadParquet(Candidate c) throws SQLException {
            try (InputFile.LocalCopy local = c.input().localCopy()) {
                return new ParquetLoader(connection).load(c.path(), local.path(), c.size(), c.mtime(), c.input().version(), c.sha256(),
                        c.before() == null ? null : c.before().fileId(), options.strict());
            } catch (IOException e) {
                return cannotRead(c.path(), e);
            }
        }

        private FileResult loadOnce(Candidate c) throws SQLException {
            if (c.kind() == FileKind.PARQUET) {
                return loadParquet(c);
            }
            List<ParseProblem> localSamples = new ArrayList<>();
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                Written w = writeFile(c, localSamples);
                if (w.parquetSha256() != null) {
                    discard();
                    committed = true;
                    return loadParquet(c.asParquet(w.parquetSha256()));
                }
                FileResult r = w.result();
                if (c.before() != null && r.status() != FileResult.Status.SKIPPED) {
                    // the new version replaces the old one in the same transaction
                    deleteFile(connection, c.before().fileId());
                }
                listener.reached(IngestListener.Point.COMMITTING);
                connection.commit();
                committed = true;
                connection.setAutoCommit(true);
                listener.reached(IngestListener.Point.COMMITTED);
                publishSamples(localSamples);
                return r;
            } catch (UnreadableFile u) {
                return cannotRead(c.path(), (IOException) u.getCause());
            } catch (FileChanged changed) {
                return new FileResult(c.path(), FileResult.Status.FAILED, 0, 0, c.size(), changed.getMessage());
            } finally {
                if (!committed) {
                    discard();
                }
            }
        }

        /**
         * Writes a text file's records, bad lines and catalog row into the open transaction; returns
         * the result, final once committed.
         */
        private Written writeFile(Candidate c, List<ParseProblem> localSamples) throws SQLException {
            long[] badLines = {0};
            int fileId = nextFileId();
            writer.begin(fileId, c.path());
            listener.reached(IngestListener.Point.FILE_STARTED);
            RecordAssembler assembler = new RecordAssembler(c.path(), options.formatOrDefault(), options.batchSize(),
                    batch -> {
                        try {
                            writer.append(batch);
                        } catch (SQLException e) {
                            throw new UncheckedSql(e);
                        }
                        listener.reached(IngestListener.Point.BATCH_READ);
                    },
                    problem -> {
                        if (options.strict()) {
                            throw new StrictStop(problem);
                        }
                        badLines[0]++;
                        if (localSamples.size() < SAMPLE_PROBLEMS) {
                            localSamples.add(problem);
                        }
                        try {
                            writer.problem(problem);
                        } catch (SQLException e) {
                            throw new UncheckedSql(e);
                        }
                    });
            ReadOutcome outcome;
            try {
                outcome = reader.read(c.input(), assembler, c.sha256());
            } catch (IOException e) {
                // nothing of this file may be committed: the caller rolls the transaction back (a group
                // transaction is then redone one file at a time, and this file ends FAILED)
                throw new UnreadableFile(c.path(), e);
            } catch (UncheckedSql e) {
                throw (SQLException) e.getCause();
            }
            if (outcome.kind() == FileKind.PARQUET) {
                return new Written(null, outcome.sha256()); // nothing of it was written
            }
            writer.finish();
            checkUnchanged(c);
            if (c.sha256() == null) {
                // hashed while it was read: content known already is taken out again
                FileResult known = knownContent(c.path(), outcome.sha256(), c.size(), c.mtime(), c.before());
                if (known != null) {
                    deleteFile(connection, fileId);
                    return new Written(known, null);
                }
            }
            String formats = assembler.formatsSeen().stream().map(FlowFormat::headerLine).collect(Collectors.joining("\n"));
            FileResult.Status status = outcome.complete() ? FileResult.Status.LOADED : FileResult.Status.PARTIAL;
            insertFileRow(connection, fileId, outcome.sha256(), c.path(), c.size(), c.mtime(), c.input().version(), outcome.kind().name(),
                    outcome.container(), formats, S3ObjectKey.parse(c.path()), assembler.records(), badLines[0], status.name(), outcome.error());
            return new Written(new FileResult(c.path(), status, assembler.records(), badLines[0], c.size(), outcome.error()), null);
        }

        private CatalogEntry catalogEntry(String path) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT file_id, size, mtime, sha256, version FROM files WHERE path = ?")) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new CatalogEntry(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)) : null;
                }
            }
        }

        private boolean contentKnown(String sha256) throws SQLException {
            return Ingestor.contentKnown(connection, sha256);
        }

        private int nextFileId() throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('file_ids')")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (inGroup) {
                    abandonGroup();
                }
                writer.close();
            } finally {
                connection.close();
            }
        }
    }

    /**
     * An input to load, as examined before reading: {@code sha256} and {@code kind} are null for a
     * remote object (hashed and sniffed while it is read); {@code before} is the catalog row of an
     * older version of the same location, whose rows the load removes; {@code skipped} is set
     * instead when there is nothing to load.
     */
    private record Candidate(InputFile input, String path, long size, long mtime, String sha256, FileKind kind, CatalogEntry before,
            FileResult skipped) {
        static Candidate skip(FileResult result) {
            return new Candidate(null, result.path(), 0, 0, null, null, null, result);
        }

        /** The same input, now known to be Parquet with this content hash. */
        Candidate asParquet(String knownSha256) {
            return new Candidate(input, path, size, mtime, knownSha256, FileKind.PARQUET, before, null);
        }
    }

    /** What writing a text input gave: its result, or the hash of an input that turned out to be Parquet. */
    private record Written(FileResult result, String parquetSha256) {
    }

    /** A file's row in the catalog. */
    private record CatalogEntry(int fileId, long size, long mtime, String sha256, String version) {
    }

    /** The file changed between the moment it was examined and the end of its read. */
    private static final class FileChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileChanged(String message) {
            super(message, null, false, false);
        }
    }

    /** Throws {@link FileChanged} when the input's size or time is no longer what was examined. */
    private static void checkUnchanged(Candidate c) {
        long size;
        long mtime;
        try {
            size = c.input().length();
            mtime = c.input().lastModified();
        } catch (IOException e) {
            throw new FileChanged("the file went away while it was read: " + e.getMessage());
        }
        if (size != c.size() || mtime != c.mtime()) {
            throw new FileChanged("the file changed while it was read (" + c.size() + " bytes before, " + size
                    + " after); nothing of it is loaded: run ingest again once it is complete");
        }
    }

    private static FileResult cannotRead(String path, IOException e) {
        return new FileResult(path, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage());
    }

    /** Removes a file's records, bad lines and catalog row (inside the caller's transaction). */
    static void deleteFile(java.sql.Connection c, int fileId) throws SQLException {
        for (String table : List.of(WorkspaceSchema.RECORDS_TABLE, "bad_lines", "files")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
                ps.setInt(1, fileId);
                ps.executeUpdate();
            }
        }
    }

    /** True when a file with this content is in the catalog (or in the open transaction). */
    static boolean contentKnown(java.sql.Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM files WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void insertFileRow(java.sql.Connection c, int fileId, String sha256, String path, long size, long mtime, String version,
            String kind, String container, String formats, S3ObjectKey key, long records, long badLines, String status, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO files (file_id, sha256, path, size, mtime, kind, container, formats, "
                + "account_id, region, flow_log_id, file_time, key_layout, records, bad_lines, status, error, version) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, fileId);
            ps.setString(2, sha256);
            ps.setString(3, path);
            ps.setLong(4, size);
            ps.setLong(5, mtime);
            ps.setString(6, kind);
            ps.setString(7, container);
            ps.setString(8, formats);
            ps.setString(9, key.accountId());
            ps.setString(10, key.region());
            ps.setString(11, key.flowLogId());
            if (key.fileTime() == null) {
                ps.setNull(12, java.sql.Types.BIGINT);
            } else {
                ps.setLong(12, key.fileTime());
            }
            ps.setString(13, key.layout().name());
            ps.setLong(14, records);
            ps.setLong(15, badLines);
            ps.setString(16, status);
            ps.setString(17, error);
            ps.setString(18, version);
            ps.executeUpdate();
        }
    }
}
