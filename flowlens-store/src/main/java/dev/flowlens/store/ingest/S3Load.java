package dev.flowlens.store.ingest;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.core.s3.S3Selection;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.sources.s3.S3InputFile;
import dev.flowlens.sources.s3.S3Location;
import dev.flowlens.sources.s3.S3Source;
import dev.flowlens.store.Workspace;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code s3://BUCKET[/PREFIX]} loaded: lists what the selection needs (after the stored cursors
 * with {@code onlyNew}), leaves out what the catalog has already, and loads the rest through the
 * same {@link Ingestor} as local files, keeping the records of {@code options.selection()}. A run
 * that keeps every record stores the listing cursors
 * {@code --new} starts from. Shared by {@code flowlens ingest} and the web UI's Load page.
 */
public final class S3Load {
    /**
     * What loading one location did beyond the ingest summary.
     *
     * @param stopped objects refused after a stop (not read; the next run loads them)
     */
    public record Outcome(IngestSummary summary, int listed, int unchanged, int ignored, int stopped) {}

    private S3Load() {}

    public static Outcome load(
            S3Source source,
            S3Location where,
            S3Selection selection,
            boolean onlyNew,
            Workspace ws,
            IngestOptions options,
            IngestListener listener)
            throws SQLException {
        // the records of the window and of --eni (options.selection()); the catalog remembers them per object
        RecordSelection kept = options.selection();
        SourceCatalog catalog = new SourceCatalog(ws.connection());
        String sourceName = "s3://" + where.bucket() + "/";
        Map<String, String> before = onlyNew ? catalog.cursors(sourceName) : Map.of();
        S3Source.Plan plan = source.plan(where, selection, before::get);
        Set<String> known;
        try {
            known = catalog.unchanged(plan.objects(), sourceName, kept);
        } catch (IOException e) {
            throw new IllegalStateException(e); // listed objects know their length and time
        }
        List<S3InputFile> toLoad = plan.objects().stream()
                .filter(o -> !known.contains(o.location()))
                .toList();
        source.fetchAhead(toLoad);
        IngestSummary s = new Ingestor(ws, options, listener).ingestInputs(new ArrayList<InputFile>(toLoad));
        int stopped = source.refused().size();
        s = withoutRefused(s, source.refused());
        if (kept.isAll()) {
            // a run that left records out must not move the cursors past their objects
            catalog.saveCursors(sourceName, nextCursors(plan, s, source.refused()));
        }
        return new Outcome(s, plan.objects().size(), known.size(), plan.ignored(), stopped);
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

    /** The summary without the objects refused after a stop (counted apart: they were not read, the next run loads them). */
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
                s.sampleProblems(),
                s.recordsLeftOut());
    }
}
