package dev.flowlens.store.ingest;

import dev.flowlens.core.format.FlowFormat;

/**
 * @param format the format of files without a header line (null: the default v2 format)
 * @param strict stop at the first bad line
 * @param threads files read at once
 * @param batchSize records parsed before they are handed to the store
 * @param groupRecords records committed together (whole files; 0: one transaction per file)
 * @param directVectorWrites numbers go straight into DuckDB's vector buffers (false: through the
 *     driver's setters, slower, the same rows)
 */
public record IngestOptions(
        FlowFormat format, boolean strict, int threads, int batchSize, long groupRecords, boolean directVectorWrites) {

    public IngestOptions(FlowFormat format, boolean strict, int threads, int batchSize) {
        this(format, strict, threads, batchSize, DEFAULT_GROUP_RECORDS);
    }

    public IngestOptions(FlowFormat format, boolean strict, int threads, int batchSize, long groupRecords) {
        this(format, strict, threads, batchSize, groupRecords, true);
    }

    /** The same options with the vector setters instead of direct buffer writes. */
    public IngestOptions withSetters() {
        return new IngestOptions(format, strict, threads, batchSize, groupRecords, false);
    }

    public static final long DEFAULT_GROUP_RECORDS = 1_000_000;

    public IngestOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    public static IngestOptions defaults() {
        return new IngestOptions(null, false, Math.max(1, Runtime.getRuntime().availableProcessors()), 2048);
    }

    public FlowFormat formatOrDefault() {
        return format == null ? FlowFormat.DEFAULT_V2 : format;
    }
}
