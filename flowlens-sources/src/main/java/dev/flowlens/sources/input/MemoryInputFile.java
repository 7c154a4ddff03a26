package dev.flowlens.sources.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes held in memory under a location of the caller's choosing (a test's fake bucket, a page of
 * events): the same readers, catalog checks and transactions as files and S3 objects. It can act as
 * a local file (hashed before it is read) or as a remote object (hashed while it is read), so tests
 * drive both ways of the loader with one source.
 */
public final class MemoryInputFile implements InputFile {
    private final String location;
    private final byte[] bytes;
    private final long lastModified;
    private final String version;
    private final boolean remote;
    private final AtomicInteger opens = new AtomicInteger();

    /**
     * @param version the tag that changes with the bytes (an ETag), or null
     * @param remote true: behaves as a remote object (not read twice; its content hashed while it is read)
     */
    public MemoryInputFile(String location, byte[] bytes, long lastModified, String version, boolean remote) {
        this.location = location;
        this.bytes = bytes.clone();
        this.lastModified = lastModified;
        this.version = version;
        this.remote = remote;
    }

    /** How many times the bytes were opened (a remote source's GET requests). */
    public int opens() {
        return opens.get();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String identity() {
        return location;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public long lastModified() {
        return lastModified;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public InputStream open() {
        opens.incrementAndGet();
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean cheapToReadTwice() {
        return !remote;
    }

    @Override
    public LocalCopy localCopy() throws IOException {
        return InputFile.temporaryCopy(open(), "flowlens-memory");
    }

    @Override
    public String toString() {
        return location;
    }
}
