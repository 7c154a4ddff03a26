package dev.flowlens.store.ingest;

import dev.flowlens.core.record.RecordSelection;
import dev.flowlens.sources.FileKind;
import dev.flowlens.sources.input.InputFile;
import dev.flowlens.store.ingest.FileCatalog.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * An input to load, as examined before reading: {@code sha256} and {@code kind} are null for a
 * remote object (hashed and sniffed while it is read); {@code before} is the catalog row of an
 * older version of the same location, whose rows the load removes; {@code skipped} is set
 * instead when there is nothing to load; {@code selection} the records kept; {@code contentRow}
 * the catalog row of the same content under another path, loaded with fewer records, that the
 * load replaces.
 */
record Candidate(
        InputFile input,
        String path,
        long size,
        long mtime,
        String sha256,
        FileKind kind,
        CatalogEntry before,
        FileResult skipped,
        RecordSelection selection,
        Integer contentRow) {
    static Candidate skip(FileResult result) {
        return new Candidate(null, result.path(), 0, 0, null, null, null, result, null, null);
    }

    /** The same input, now known to be Parquet with this content hash, keeping what {@code known} says. */
    Candidate asParquet(String knownSha256, Known known) {
        return new Candidate(
                input, path, size, mtime, knownSha256, FileKind.PARQUET, before, null, known.selection(), known.row());
    }

    /** The same input keeping the records {@code known} says, replacing its row. */
    Candidate reselected(Known known) {
        return new Candidate(input, path, size, mtime, sha256, kind, before, null, known.selection(), known.row());
    }

    /** The catalog rows the load replaces. */
    List<Integer> replaces() {
        List<Integer> out = new ArrayList<>(2);
        if (before != null) {
            out.add(before.fileId());
        }
        if (contentRow != null && !out.contains(contentRow)) {
            out.add(contentRow);
        }
        return out;
    }

    /**
     * {@code skipped} when there is nothing to load; else the records to keep and the catalog row of
     * the same content under another path that the load replaces (null when none).
     */
    record Known(FileResult skipped, RecordSelection selection, Integer row) {}
}
