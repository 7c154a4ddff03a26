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

        UnreadableFile(Path file, IOException cause) {
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
        long t0 = System.nanoTime();
        InputFiles.Expansion expansion = InputFiles.expand(paths);
        if (!expansion.unreadable().isEmpty()) {
            InputFiles.Unreadable u = expansion.unreadable().get(0);
            boolean missing = u.reason().startsWith("no such");
            throw new FlowlensException(missing ? ErrorCode.PATH_NOT_FOUND : ErrorCode.PATH_UNREADABLE,
                    "cannot read " + u.path() + ": " + u.reason()
                            + (expansion.unreadable().size() > 1 ? " (and " + (expansion.unreadable().size() - 1) + " more)" : ""));
        }
        List<Path> files = expansion.files();
        listener.reached(IngestListener.Point.LISTED);
        long totalBytes = 0;
        for (Path f : files) {
            try {
                totalBytes += Files.size(f);
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        listener.started(files.size(), totalBytes);
        List<ParseProblem> samples = Collections.synchronizedList(new ArrayList<>());
        List<FileResult> results = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(options.threads(), Math.max(1, files.size()));
        RecordWriter.registerFeed(workspace.connection());
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
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            nextFile.set(files.size());
            Throwable cause = e.getCause();
            if (cause instanceof StrictStop s) {
                throw new FlowlensException(ErrorCode.BAD_LINE_STRICT, "stopped at the first bad line (--strict): " + s.problem.describe());
            }
            if (cause instanceof FlowlensException fe) {
                throw fe;
            }
            if (cause instanceof SQLException se) {
                throw se;
            }
            if (cause instanceof UncheckedSql us) {
                throw (SQLException) us.getCause();
            }
            throw new IllegalStateException("ingest failed", cause);
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
     * One thread's connection and record writer. Files are written in group transactions of about
     * {@link IngestOptions#groupRecords()} records (DuckDB commits large appends far faster than many
     * small ones); each file is still all-or-nothing: results are final only once their group commits,
     * and any trouble inside a group rolls it back and loads its files one transaction each.
     */
    private final class Worker implements AutoCloseable {
        private final DuckDBConnection connection;
        private final RecordWriter writer;
        private final FlowFileReader reader = new FlowFileReader();
        private final List<ParseProblem> samples;
        private final List<Path> groupFiles = new ArrayList<>();
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
        List<FileResult> offer(Path file) throws SQLException {
            String path = file.toAbsolutePath().normalize().toString();
            long size;
            long mtime;
            String sha256;
            FileKind kind;
            try {
                size = Files.size(file);
                mtime = Files.getLastModifiedTime(file).toMillis();
                if (alreadyLoaded(path, size, mtime)) {
                    return List.of(new FileResult(file, FileResult.Status.SKIPPED, 0, 0, 0, null));
                }
                sha256 = FlowFileReader.sha256Of(file);
                kind = FlowFileReader.kindOf(file);
            } catch (IOException e) {
                return List.of(new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage()));
            }
            if (contentKnown(sha256)) {
                return List.of(new FileResult(file, FileResult.Status.SKIPPED, 0, 0, size, null));
            }
            if (options.strict() || options.groupRecords() <= 0 || kind == FileKind.PARQUET) {
                List<FileResult> out = new ArrayList<>(commitGroup());
                out.add(load(file, path, size, mtime, sha256));
                return out;
            }
            if (!inGroup) {
                schemaChange.readLock().lock();
                inGroup = true;
                connection.setAutoCommit(false);
            }
            try {
                FileResult r = writeFile(file, path, size, mtime, sha256, pendingSamples);
                groupFiles.add(file);
                pending.add(r);
                groupRecords += r.records();
                return groupRecords >= options.groupRecords() ? commitGroup() : List.of();
            } catch (SQLException | RuntimeException e) {
                if (e instanceof StrictStop) {
                    throw e;
                }
                List<Path> redo = new ArrayList<>(groupFiles);
                redo.add(file);
                abandonGroup();
                List<FileResult> out = new ArrayList<>();
                for (Path p : redo) {
                    out.add(load(p));
                }
                return out;
            }
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
                List<Path> redo = new ArrayList<>(groupFiles);
                abandonGroup();
                List<FileResult> out = new ArrayList<>();
                for (Path p : redo) {
                    out.add(load(p));
                }
                return out;
            }
            listener.reached(IngestListener.Point.COMMITTED);
            List<FileResult> out = new ArrayList<>(pending);
            publishSamples(pendingSamples);
            endGroup();
            return out;
        }

        private void abandonGroup() {
            writer.abandon();
            rollbackQuietly();
            endGroup();
        }

        private void endGroup() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // the next statement reports a broken connection
            }
            groupFiles.clear();
            pending.clear();
            pendingSamples.clear();
            groupRecords = 0;
            inGroup = false;
            schemaChange.readLock().unlock();
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
        FileResult load(Path file) throws SQLException {
            String path = file.toAbsolutePath().normalize().toString();
            try {
                return load(file, path, Files.size(file), Files.getLastModifiedTime(file).toMillis(), null);
            } catch (IOException e) {
                return new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage());
            }
        }

        /** {@code knownSha256}: the file's hash when already computed, else null. */
        private FileResult load(Path file, String path, long size, long mtime, String knownSha256) throws SQLException {
            for (int attempt = 0; ; attempt++) {
                try {
                    schemaChange.readLock().lock();
                    try {
                        return loadOnce(file, path, size, mtime, knownSha256);
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
                    } finally {
                        schemaChange.writeLock().unlock();
                    }
                } catch (SQLException e) {
                    // another worker changed the table (new columns) while this file was being written
                    if (attempt > 8 || !isTransactionConflict(e)) {
                        throw e;
                    }
                }
            }
        }

        private FileResult loadOnce(Path file, String path, long size, long mtime, String knownSha256) throws SQLException {
            List<ParseProblem> localSamples = new ArrayList<>();
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                FileResult r = writeFile(file, path, size, mtime, knownSha256, localSamples);
                if (r == null) {
                    writer.abandon();
                    connection.rollback();
                    connection.setAutoCommit(true);
                    String sha256 = knownSha256;
                    try {
                        if (sha256 == null) {
                            sha256 = FlowFileReader.sha256Of(file);
                        }
                    } catch (IOException e) {
                        return new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage());
                    }
                    return new ParquetLoader(connection).load(file, path, size, mtime, sha256, options.strict());
                }
                listener.reached(IngestListener.Point.COMMITTING);
                connection.commit();
                committed = true;
                listener.reached(IngestListener.Point.COMMITTED);
                publishSamples(localSamples);
                return r;
            } catch (UnreadableFile u) {
                return new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + u.getCause().getMessage());
            } catch (SQLException | RuntimeException e) {
                if (isDuplicateContent(e)) {
                    // another worker committed the same content at the same moment
                    return new FileResult(file, FileResult.Status.SKIPPED, 0, 0, size, null);
                }
                throw e;
            } finally {
                if (!committed) {
                    writer.abandon();
                    rollbackQuietly();
                }
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
            }
        }

        /**
         * Writes a text file's records, bad lines and catalog row into the open transaction. Returns
         * the result (final once committed), a SKIPPED result for known content, or null for Parquet.
         * {@code knownSha256} is the file's hash when the caller computed it already (not hashed twice).
         */
        private FileResult writeFile(Path file, String path, long size, long mtime, String knownSha256,
                List<ParseProblem> localSamples) throws SQLException {
            long[] badLines = {0};
            int fileId = nextFileId();
            writer.begin(fileId, path);
            listener.reached(IngestListener.Point.FILE_STARTED);
            RecordAssembler assembler = new RecordAssembler(path, options.formatOrDefault(), options.batchSize(),
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
                outcome = reader.read(file, assembler, knownSha256);
            } catch (IOException e) {
                // nothing of this file may be committed: the caller rolls the transaction back (a group
                // transaction is then redone one file at a time, and this file ends FAILED)
                throw new UnreadableFile(file, e);
            } catch (UncheckedSql e) {
                throw (SQLException) e.getCause();
            }
            if (outcome.kind() == FileKind.PARQUET) {
                return null;
            }
            writer.finish();
            if (contentKnown(outcome.sha256())) {
                throw new IllegalStateException("content of " + path + " appeared while it was read");
            }
            String formats = assembler.formatsSeen().stream().map(FlowFormat::headerLine).collect(Collectors.joining("\n"));
            FileResult.Status status = outcome.complete() ? FileResult.Status.LOADED : FileResult.Status.PARTIAL;
            insertFileRow(connection, fileId, outcome.sha256(), path, size, mtime, outcome.kind().name(), outcome.container(),
                    formats, S3ObjectKey.parse(path), assembler.records(), badLines[0], status.name(), outcome.error());
            return new FileResult(file, status, assembler.records(), badLines[0], size, outcome.error());
        }

        private void rollbackQuietly() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // nothing was committed; the first error is the one to report
            }
        }

        private boolean alreadyLoaded(String path, long size, long mtime) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM files WHERE path = ? AND size = ? AND mtime = ?")) {
                ps.setString(1, path);
                ps.setLong(2, size);
                ps.setLong(3, mtime);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
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

    /** True when a file with this content is in the catalog (or in the open transaction). */
    static boolean contentKnown(java.sql.Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM files WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Two workers committed the same content at once: the unique sha256 refused the second. */
    static boolean isDuplicateContent(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Duplicate key") && m.contains("sha256");
    }

    /** A write-write conflict or a transaction aborted by a concurrent schema change: retry the file. */
    static boolean isTransactionConflict(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Conflict") || m.contains("conflict") || m.contains("transaction is aborted")
                || m.contains("no transaction is active");
    }

    static void insertFileRow(java.sql.Connection c, int fileId, String sha256, String path, long size, long mtime, String kind,
            String container, String formats, S3ObjectKey key, long records, long badLines, String status, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO files (file_id, sha256, path, size, mtime, kind, container, formats, "
                + "account_id, region, flow_log_id, file_time, key_layout, records, bad_lines, status, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.executeUpdate();
        }
    }
}
