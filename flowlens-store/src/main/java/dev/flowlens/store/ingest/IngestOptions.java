package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.record.RecordSelection;

/**
 * @param format the format of files without a header line (null: the default v2 format)
 * @param strict stop at the first bad line
 * @param threads files read at once
 * @param batchSize records parsed before they are handed to the store
 * @param groupRecords records committed together (whole files; 0: one transaction per file)
 * @param directVectorWrites numbers go straight into DuckDB's vector buffers (false: through the
 *     driver's setters, slower, the same rows)
 * @param selection the records kept ({@link RecordSelection#ALL}: every record); the others are counted as
 *     left out, and the catalog remembers the selection each file was loaded with
 */
public record IngestOptions(
        FlowFormat format,
        boolean strict,
        int threads,
        int batchSize,
        long groupRecords,
        boolean directVectorWrites,
        RecordSelection selection) {

    public IngestOptions(FlowFormat format, boolean strict, int threads, int batchSize) {
        this(format, strict, threads, batchSize, DEFAULT_GROUP_RECORDS);
    }

    public IngestOptions(FlowFormat format, boolean strict, int threads, int batchSize, long groupRecords) {
        this(format, strict, threads, batchSize, groupRecords, true, RecordSelection.ALL);
    }

    /** The same options with the vector setters instead of direct buffer writes. */
    public IngestOptions withSetters() {
        return new IngestOptions(format, strict, threads, batchSize, groupRecords, false, selection);
    }

    /** The same options keeping only the records {@code kept} selects. */
    public IngestOptions withSelection(RecordSelection kept) {
        return new IngestOptions(format, strict, threads, batchSize, groupRecords, directVectorWrites, kept);
    }

    public static final long DEFAULT_GROUP_RECORDS = 1_000_000;

    public IngestOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        java.util.Objects.requireNonNull(selection, "selection");
    }

    public static IngestOptions defaults() {
        return new IngestOptions(null, false, Math.max(1, Runtime.getRuntime().availableProcessors()), 2048);
    }

    public FlowFormat formatOrDefault() {
        return format == null ? FlowFormat.DEFAULT_V2 : format;
    }
}
