package dev.flowlens.sources.s3;

import dev.flowlens.sources.input.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An S3 object as listed: its length, time and ETag come from the listing, its bytes from a GET
 * that only answers while the object still has that ETag ({@code If-Match}). A body fetched ahead
 * by the source's prefetcher is read from memory; otherwise the object is streamed, and a
 * connection dropped mid-body is resumed with a range request. Parquet gets a temporary copy that
 * {@link LocalCopy#close()} always removes.
 */
public final class S3InputFile implements InputFile {
    private final S3Source source;
    private final String key;
    private final long length;
    private final long lastModified;
    private final String etag;
    private final String location;
    /** Set when the prefetcher was asked to fetch this object ahead; taken once. */
    private volatile S3Prefetcher.Ahead ahead;
    /** The body fetched ahead when it is Parquet, until its local copy is written. */
    private volatile byte[] parquetBody;

    S3InputFile(S3Source source, String location, String key, long length, long lastModified, String etag) {
        this.source = source;
        this.location = location;
        this.key = key;
        this.length = length;
        this.lastModified = lastModified;
        this.etag = etag;
    }

    public String key() {
        return key;
    }

    void fetchAhead(S3Prefetcher.Ahead a) {
        this.ahead = a;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long lastModified() {
        return lastModified;
    }

    @Override
    public String version() {
        return etag;
    }

    @Override
    public InputStream open() throws IOException {
        source.checkNotStopped(this);
        S3Prefetcher.Ahead a = ahead;
        ahead = null;
        if (a != null) {
            byte[] body = a.take();
            if (body != null) {
                // a Parquet body is kept for the local copy DuckDB reads next (no second GET)
                parquetBody = isParquet(body) ? body : null;
                return new ByteArrayInputStream(body);
            }
        }
        return source.stream(key, etag, length);
    }

    @Override
    public boolean cheapToReadTwice() {
        return false;
    }

    @Override
    public LocalCopy localCopy() throws IOException {
        byte[] body = parquetBody;
        parquetBody = null;
        return InputFile.temporaryCopy(body != null ? new ByteArrayInputStream(body) : open(), "flowlens-s3-");
    }

    private static boolean isParquet(byte[] b) {
        return b.length >= 8 && b[0] == 'P' && b[1] == 'A' && b[2] == 'R' && b[3] == '1';
    }

    @Override
    public String toString() {
        return location;
    }
}
