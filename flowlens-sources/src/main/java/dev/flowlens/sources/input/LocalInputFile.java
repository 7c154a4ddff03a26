package dev.flowlens.sources.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file on a local file system. */
public final class LocalInputFile implements InputFile {
    private final Path path;

    public LocalInputFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    @Override
    public String location() {
        return path.toAbsolutePath().normalize().toString();
    }

    @Override
    public String identity() throws IOException {
        return path.toRealPath().toString();
    }

    @Override
    public long length() throws IOException {
        return Files.size(path);
    }

    @Override
    public long lastModified() throws IOException {
        return Files.getLastModifiedTime(path).toMillis();
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public boolean cheapToReadTwice() {
        return true;
    }

    @Override
    public LocalCopy localCopy() {
        return new LocalCopy() {
            @Override
            public Path path() {
                return path;
            }

            @Override
            public void close() {
                // the file is the user's: nothing to remove
            }
        };
    }

    @Override
    public String toString() {
        return location();
    }
}
