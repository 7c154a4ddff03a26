package dev.flowlens.spark;

import dev.flowlens.sources.input.InputFile;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A flow log file on any Hadoop file system (local, {@code s3a://}, {@code hdfs://}), as the readers'
 * {@link InputFile}: its location, length and modification time as listed, opened through {@code conf}.
 */
record HadoopInputFile(String location, long length, long lastModified, Configuration conf) implements InputFile {
    HadoopInputFile {
        location = new Path(location).toString(); // as Hadoop writes it
    }

    @Override
    public InputStream open() throws IOException {
        Path path = new Path(location);
        return path.getFileSystem(conf).open(path);
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
