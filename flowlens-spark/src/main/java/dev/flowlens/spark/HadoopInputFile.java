package dev.flowlens.spark;

import dev.flowlens.sources.input.InputFile;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** A flow log file on any Hadoop file system (local, {@code s3a://}, {@code hdfs://}), as the readers' {@link InputFile}. */
final class HadoopInputFile implements InputFile {
    private final org.apache.hadoop.fs.Path path;
    private final long length;
    private final long modified;
    private final Configuration conf;

    HadoopInputFile(String location, long length, long modified, Configuration conf) {
        this.path = new org.apache.hadoop.fs.Path(location);
        this.length = length;
        this.modified = modified;
        this.conf = conf;
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public String identity() {
        return location();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long lastModified() {
        return modified;
    }

    @Override
    public String version() {
        return null;
    }

    @Override
    public InputStream open() throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs.open(path);
    }

    @Override
    public boolean cheapToReadTwice() {
        return false;
    }

    @Override
    public LocalCopy localCopy() throws IOException {
        return InputFile.temporaryCopy(open(), "flowlens-");
    }
}
