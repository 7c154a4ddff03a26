package dev.flowlens.sources;

/**
 * How reading one file ended.
 *
 * @param kind what the file held
 * @param sha256 the hex SHA-256 of the file's bytes as stored (compressed if gzip)
 * @param size the bytes read (the file's size when it did not change while it was read)
 * @param container TEXT, JSON_LINES or JSON_DOCUMENT for text; null for Parquet
 * @param error null when the whole file was read; else why reading stopped early (what was read
 *     before still counts)
 */
public record ReadOutcome(FileKind kind, String sha256, long size, String container, String error) {
    public boolean complete() {
        return error == null;
    }
}
