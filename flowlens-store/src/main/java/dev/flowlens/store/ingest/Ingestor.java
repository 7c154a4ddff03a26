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
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * Loads files into a workspace. Each file is read into temporary stage tables, then committed in
 * one short transaction together with its catalog row, so a file is in the workspace whole or not
 * at all, and a rerun loads exactly what is missing. Files are recognised by path, size and time
 * (skipped without reading) and by content (SHA-256: a copy under another name is skipped).
 */
public final class Ingestor {
    private static final Object SCHEMA_LOCK = new Object();
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
                            FileResult r = worker.load(files.get(i));
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
        return new IngestSummary(loaded, skipped, failed, records, bad, bytes, (System.nanoTime() - t0) / 1e9, failures, sample);
    }

    /** One thread's connection and stage tables. */
    private final class Worker implements AutoCloseable {
        private final DuckDBConnection connection;
        private final StageTables stages;
        private final FlowFileReader reader = new FlowFileReader();
        private final List<ParseProblem> samples;

        Worker(DuckDBConnection connection, List<ParseProblem> samples) throws SQLException {
            this.connection = connection;
            this.stages = new StageTables(connection);
            this.samples = samples;
        }

        FileResult load(Path file) throws SQLException, IOException {
            String path = file.toAbsolutePath().normalize().toString();
            long size;
            long mtime;
            try {
                size = Files.size(file);
                mtime = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                return new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage());
            }
            if (alreadyLoaded(path, size, mtime)) {
                return new FileResult(file, FileResult.Status.SKIPPED, 0, 0, 0, null);
            }
            ReadOutcome outcome;
            long[] badLines = {0};
            RecordAssembler assembler = new RecordAssembler(path, options.formatOrDefault(), options.batchSize(),
                    batch -> {
                        try {
                            ensureExtraColumns(batch.format());
                            stages.append(batch);
                        } catch (SQLException e) {
                            throw new UncheckedSql(e);
                        }
                    },
                    problem -> {
                        if (options.strict()) {
                            throw new StrictStop(problem);
                        }
                        badLines[0]++;
                        if (samples.size() < SAMPLE_PROBLEMS * 4) {
                            samples.add(problem);
                        }
                        try {
                            stages.problem(problem);
                        } catch (SQLException e) {
                            throw new UncheckedSql(e);
                        }
                    });
            try {
                try {
                    outcome = reader.read(file, assembler);
                } catch (IOException e) {
                    return new FileResult(file, FileResult.Status.FAILED, 0, 0, 0, "cannot read: " + e.getMessage());
                }
                if (outcome.kind() == FileKind.PARQUET) {
                    return new ParquetLoader(connection).load(file, path, size, mtime, outcome.sha256(), options.strict());
                }
                stages.flush();
                String formats = assembler.formatsSeen().stream().map(FlowFormat::headerLine).collect(Collectors.joining("\n"));
                return commit(file, path, size, mtime, outcome, formats, assembler.records(), badLines[0]);
            } catch (UncheckedSql e) {
                throw (SQLException) e.getCause();
            } finally {
                stages.reset();
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

        private FileResult commit(Path file, String path, long size, long mtime, ReadOutcome outcome, String formats,
                long records, long badLines) throws SQLException {
            S3ObjectKey key = S3ObjectKey.parse(path);
            connection.setAutoCommit(false);
            try {
                if (contentKnown(outcome.sha256())) {
                    connection.rollback();
                    return new FileResult(file, FileResult.Status.SKIPPED, 0, 0, size, null);
                }
                int fileId = nextFileId();
                FileResult.Status status = outcome.complete() ? FileResult.Status.LOADED : FileResult.Status.PARTIAL;
                insertFileRow(connection, fileId, outcome.sha256(), path, size, mtime, outcome.kind().name(), outcome.container(),
                        formats, key, records, badLines, status.name(), outcome.error());
                long moved = stages.moveInto(fileId, path);
                if (moved != records) {
                    throw new IllegalStateException("staged " + records + " records but moved " + moved);
                }
                connection.commit();
                return new FileResult(file, status, records, badLines, size, outcome.error());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                if (isConflict(e)) {
                    // another worker committed the same content at the same moment
                    return new FileResult(file, FileResult.Status.SKIPPED, 0, 0, size, null);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        private boolean contentKnown(String sha256) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM files WHERE sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        private int nextFileId() throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT nextval('file_ids')")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        private void ensureExtraColumns(FlowFormat format) throws SQLException {
            List<String> extra = StageTables.extraColumns(format);
            if (extra.isEmpty()) {
                return;
            }
            synchronized (SCHEMA_LOCK) {
                try (DuckDBConnection c = workspace.newConnection(); Statement st = c.createStatement()) {
                    for (String col : extra) {
                        st.execute("ALTER TABLE flows ADD COLUMN IF NOT EXISTS " + WorkspaceSchema.quote(col) + " VARCHAR");
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                stages.close();
            } finally {
                connection.close();
            }
        }
    }

    static boolean isConflict(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Conflict") || m.contains("conflict") || m.contains("Duplicate key");
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
