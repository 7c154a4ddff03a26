package dev.flowlens.sources.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes held in memory under a location of the caller's choosing (a page of CloudWatch events, a
 * test's fake bucket): the same readers, catalog checks and transactions as files and S3 objects.
 * It acts as a local file (hashed before it is read) or as a remote object (hashed while it is
 * read), so tests drive both ways of the loader with one source. Sources that hold their input in
 * memory extend it with what they know more.
 */
public class MemoryInputFile implements InputFile {
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
    public final int opens() {
        return opens.get();
    }

    @Override
    public final String location() {
        return location;
    }

    @Override
    public final long length() {
        return bytes.length;
    }

    @Override
    public final long lastModified() {
        return lastModified;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final InputStream open() {
        opens.incrementAndGet();
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public final boolean cheapToReadTwice() {
        return !remote;
    }

    @Override
    public final LocalCopy localCopy() throws IOException {
        return InputFile.temporaryCopy(open(), "flowlens-memory-");
    }

    @Override
    public final String toString() {
        return location;
    }
}
