package dev.flowlens.sources.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * One object of flow log data wherever it lives (a local file, an S3 object, a CloudWatch Logs
 * stream window): a location, a length, a modification time and version tag, and a way to open the
 * bytes. The readers, the catalog's idempotency and the kill-safety of an ingest are the same code
 * for every source; only this seam differs (as Trino's {@code TrinoInputFile} is to its readers).
 */
public interface InputFile {
    /**
     * Where the object lives, as the catalog records it: an absolute normalised path for a local
     * file, {@code s3://bucket/key} for an S3 object.
     */
    String location();

    /**
     * What identifies the object within one run: two inputs with the same identity are the same
     * object (a local file's real path with symbolic links resolved; the location otherwise).
     */
    default String identity() throws IOException {
        return location();
    }

    /** The length in bytes, as listed or as the file system says now. */
    long length() throws IOException;

    /** The modification time in epoch milliseconds. */
    long lastModified() throws IOException;

    /** A tag that changes whenever the bytes change (an S3 ETag); null (the default) when the source has none. */
    default String version() {
        return null;
    }

    /** Opens the bytes from the start. Each call opens a new stream. */
    InputStream open() throws IOException;

    /**
     * True when hashing the bytes before reading them is cheap (a local file): the ingest then skips
     * known content without parsing it. For remote objects the content is hashed while it is read.
     */
    boolean cheapToReadTwice();

    /**
     * For text whose lines are log events of several CloudWatch Logs streams (a {@code FilterLogEvents}
     * page), the stream of each line, line 1 first: the bytes are then read as plain lines, whatever
     * their first bytes look like. Null (the default) for files, whose kind is told by their content.
     */
    default List<String> lineStreams() {
        return null;
    }

    /**
     * A local file holding the bytes, for readers that need one (DuckDB reads Parquet from a path):
     * the file itself for a local input, else a temporary copy the caller deletes with
     * {@link LocalCopy#close()}.
     */
    LocalCopy localCopy() throws IOException;

    /** A local file with the input's bytes; closing removes it when it was a temporary copy. */
    interface LocalCopy extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /**
     * Copies {@code bytes} (closed here) into a new temporary file that closing the copy deletes; the
     * file is deleted at once when the copy fails.
     */
    static LocalCopy temporaryCopy(InputStream bytes, String prefix) throws IOException {
        Path tmp = java.nio.file.Files.createTempFile(prefix, ".copy");
        boolean ok = false;
        try (InputStream in = bytes) {
            java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ok = true;
        } finally {
            if (!ok) {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
        return new LocalCopy() {
            @Override
            public Path path() {
                return tmp;
            }

            @Override
            public void close() throws IOException {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        };
    }
}
