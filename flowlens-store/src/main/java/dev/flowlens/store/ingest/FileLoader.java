package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.parse.ParseProblem;
import dev.flowlens.core.parse.RecordAssembler;
import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3ObjectKey;
import dev.flowlens.sources.FileKind;
import dev.flowlens.sources.FlowFileReader;
import dev.flowlens.sources.ReadOutcome;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.WorkspaceSchema;
import dev.flowlens.store.ingest.Candidate.Known;
import dev.flowlens.store.ingest.FileCatalog.CatalogEntry;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * One thread's connection and record writer. Files are written in group transactions of about
 * {@link IngestOptions#groupRecords()} records (DuckDB commits large appends far faster than many
 * small ones); each file is still all-or-nothing: results are final only once their group commits,
 * and any trouble inside a group rolls it back and loads its files one transaction each.
 */
final class FileLoader implements AutoCloseable {
    private final IngestRun run;
    private final IngestOptions options;
    private final IngestListener listener;
    private final ReentrantReadWriteLock schemaChange;
    private DuckDBConnection connection;
    private RecordWriter writer;
    private final FlowFileReader reader = new FlowFileReader();
    private final List<ParseProblem> samples;
    private final List<Candidate> groupFiles = new ArrayList<>();
    private final List<FileResult> pending = new ArrayList<>();
    private final List<ParseProblem> pendingSamples = new ArrayList<>();
    private long groupRecords;
    private boolean inGroup;

    FileLoader(IngestRun run, DuckDBConnection connection) {
        this.run = run;
        this.options = run.options();
        this.listener = run.listener();
        this.schemaChange = run.schemaChange();
        this.connection = connection;
        this.writer = new RecordWriter(connection, run.feed());
        this.samples = run.samples();
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
        if (options.strict()
                || options.groupRecords() <= 0
                || c.kind() == FileKind.PARQUET
                || c.before() != null
                || c.contentRow() != null) {
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
                Candidate p = remoteParquet(c, w.parquetSha256());
                out.add(p.skipped() != null ? p.skipped() : load(p));
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
        if (!run.claimedPaths().add(file.identity())) {
            return Candidate.skip(new FileResult(path, FileResult.Status.SKIPPED, 0, 0, 0, null));
        }
        long size = file.length();
        long mtime = file.lastModified();
        CatalogEntry before = catalogEntry(path);
        RecordSelection wanted = options.selection();
        if (before != null) {
            if (before.size() == size
                    && before.mtime() == mtime
                    && (file.version() == null || file.version().equals(before.version()))
                    && before.selection().covers(wanted)) {
                return Candidate.skip(new FileResult(path, FileResult.Status.SKIPPED, 0, 0, 0, null));
            }
            // loaded before (this version or an older one) with other records left out: loaded again
            // keeping what either run keeps, so a later run never drops what an earlier one loaded
            wanted = before.selection().union(wanted);
        }
        if (!file.cheapToReadTwice()) {
            // a remote object: hashed while it is read, the content checks follow the read
            return new Candidate(file, path, size, mtime, null, null, before, null, wanted, null);
        }
        String sha256 = FlowFileReader.sha256Of(file);
        FileKind kind = FlowFileReader.kindOf(file);
        Known known = knownContent(path, sha256, size, mtime, before, wanted);
        return known.skipped() != null
                ? Candidate.skip(known.skipped())
                : new Candidate(file, path, size, mtime, sha256, kind, before, null, known.selection(), known.row());
    }

    /**
     * What the catalog and this run know of content {@code sha256} that is to be loaded keeping
     * {@code wanted}. Skipped when the content is claimed in this run, or loaded already with a
     * selection covering {@code wanted} (then bringing the catalog up to date: a new time for the
     * same bytes, or an older version's rows removed when the path now holds another loaded file's
     * content). Else it loads keeping {@code wanted} and what the catalog's row of the same content
     * kept, replacing that row ({@link Known#row()}, when it is another path's).
     */
    private Known knownContent(
            String path, String sha256, long size, long mtime, CatalogEntry before, RecordSelection wanted)
            throws SQLException {
        Known skipped = new Known(new FileResult(path, FileResult.Status.SKIPPED, 0, 0, size, null), null, null);
        String claimedBy = run.claimedContent().putIfAbsent(sha256, path);
        if (claimedBy != null && !claimedBy.equals(path)) {
            // another file of this run has these bytes (a file claims its own content again when its
            // group transaction is rolled back and it is loaded on its own)
            return skipped;
        }
        if (before != null && before.sha256().equals(sha256)) {
            if (!before.selection().covers(wanted)) {
                return new Known(null, before.selection().union(wanted), null);
            }
            // the same bytes with a new time: remember the time, read nothing
            try (PreparedStatement ps =
                    connection.prepareStatement("UPDATE files SET size = ?, mtime = ? WHERE file_id = ?")) {
                ps.setLong(1, size);
                ps.setLong(2, mtime);
                ps.setInt(3, before.fileId());
                ps.executeUpdate();
            }
            return skipped;
        }
        CatalogEntry other = FileCatalog.entryOfContent(connection, sha256);
        if (other != null && !other.selection().covers(wanted)) {
            return new Known(null, other.selection().union(wanted), other.fileId());
        }
        if (other != null) {
            if (before != null) {
                // the path now holds what another file already loaded: its old rows go
                FileCatalog.deleteFile(connection, before.fileId());
            }
            return skipped;
        }
        return new Known(null, wanted, null);
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
            connection = run.workspace().newConnection();
            writer = new RecordWriter(connection, run.feed());
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
    }

    private void publishSamples(List<ParseProblem> found) {
        synchronized (samples) {
            for (ParseProblem p : found) {
                if (samples.size() < IngestRun.SAMPLE_PROBLEMS * 4) {
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
                    run.columnsAdded(connection);
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
            return new ParquetLoader(connection).load(c, local.path(), options.strict());
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
                Candidate p = remoteParquet(c, w.parquetSha256());
                return p.skipped() != null ? p.skipped() : loadParquet(p);
            }
            FileResult r = w.result();
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
        int samplesBefore = localSamples.size();
        int fileId = nextFileId();
        writer.begin(fileId, c.path(), c.selection());
        listener.reached(IngestListener.Point.FILE_STARTED);
        RecordAssembler assembler = new RecordAssembler(
                c.path(),
                options.formatOrDefault(),
                options.batchSize(),
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
                    if (localSamples.size() < IngestRun.SAMPLE_PROBLEMS) {
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
            Known known = knownContent(c.path(), outcome.sha256(), c.size(), c.mtime(), c.before(), c.selection());
            if (known.skipped() != null) {
                FileCatalog.deleteFile(connection, fileId);
                return new Written(known.skipped(), null);
            }
            if (!known.selection().equals(c.selection())) {
                // a copy of content loaded under another name with other records left out: read
                // again keeping what both keep (the rows written so far go)
                FileCatalog.deleteFile(connection, fileId);
                localSamples.subList(samplesBefore, localSamples.size()).clear();
                return writeFile(c.reselected(known), localSamples);
            }
            c = c.reselected(known);
        }
        return new Written(catalogRow(c, fileId, outcome, assembler, badLines[0]), null);
    }

    /**
     * Ends a text input's load in the open transaction: the rows it replaces go, its catalog row
     * goes in; returns its result.
     */
    private FileResult catalogRow(
            Candidate c, int fileId, ReadOutcome outcome, RecordAssembler assembler, long badLines)
            throws SQLException {
        for (Integer replaced : c.replaces()) {
            // the new version replaces the old one (or the other copy) in the same transaction
            FileCatalog.deleteFile(connection, replaced);
        }
        String formats =
                assembler.formatsSeen().stream().map(FlowFormat::headerLine).collect(Collectors.joining("\n"));
        FileResult.Status status = outcome.complete() ? FileResult.Status.LOADED : FileResult.Status.PARTIAL;
        long kept = assembler.records() - writer.leftOut();
        FileCatalog.insertFileRow(
                connection,
                fileId,
                outcome.sha256(),
                c.path(),
                c.size(),
                c.mtime(),
                c.input().version(),
                outcome.kind().name(),
                outcome.container(),
                formats,
                S3ObjectKey.parse(c.path()),
                kept,
                badLines,
                status.name(),
                outcome.error(),
                c.selection());
        run.companion().written(connection, c.input(), fileId);
        return new FileResult(c.path(), status, kept, badLines, c.size(), outcome.error(), writer.leftOut());
    }

    private CatalogEntry catalogEntry(String path) throws SQLException {
        return FileCatalog.entry(connection, path);
    }

    private int nextFileId() throws SQLException {
        return FileCatalog.nextFileId(connection);
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

    /** Thrown inside a file's read when strict mode meets a bad line. */
    static final class StrictStop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ParseProblem problem;

        StrictStop(ParseProblem problem) {
            super(problem.describe(), null, false, false);
            this.problem = problem;
        }
    }

    /** A file that stopped being readable while it was read (an I/O error, not damaged gzip). */
    static final class UnreadableFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String file, IOException cause) {
            super(file + ": " + cause.getMessage(), cause, false, false);
        }
    }

    static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }
    }

    /** A remote input found to be Parquet while it was read, after the content checks: skipped or to load. */
    private Candidate remoteParquet(Candidate c, String sha256) throws SQLException {
        Known known = knownContent(c.path(), sha256, c.size(), c.mtime(), c.before(), c.selection());
        return known.skipped() != null ? Candidate.skip(known.skipped()) : c.asParquet(sha256, known);
    }

    /** What writing a text input gave: its result, or the hash of an input that turned out to be Parquet. */
    private record Written(FileResult result, String parquetSha256) {}

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
}
