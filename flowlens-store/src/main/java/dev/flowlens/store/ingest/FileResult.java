package dev.flowlens.store.ingest;

/**
 * What happened to one file.
 *
 * @param path where the file lives, as the catalog records it (an absolute path, {@code s3://bucket/key})
 * @param error null when loaded whole; else why it failed or stopped early
 * @param recordsLeftOut records read but not loaded: outside the ingest's {@link IngestOptions#selection()}
 */
public record FileResult(
        String path, Status status, long records, long badLines, long bytes, String error, long recordsLeftOut) {

    /** A result with no record left out. */
    public FileResult(String path, Status status, long records, long badLines, long bytes, String error) {
        this(path, status, records, badLines, bytes, error, 0);
    }

    public enum Status {
        /** Read whole and committed. */
        LOADED,
        /** Part read (corrupt or truncated gzip); what could be read is committed. */
        PARTIAL,
        /** Already in the workspace (same path, size and time, or same content). */
        SKIPPED,
        /** Nothing committed. */
        FAILED
    }
}
