package dev.flowlens.spark;

import dev.flowlens.core.demo.DemoVpc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The demo VPC's flow logs in the S3 layout, gzip, as {@code flowlens demo} writes them. */
final class DemoFiles {
    private DemoFiles() {}

    /** Writes the files under {@code dir}; returns how many. */
    static int write(Path dir, long seed) throws IOException {
        Map<Long, List<String>> files = new DemoVpc(seed).files();
        for (Map.Entry<Long, List<String>> e : files.entrySet()) {
            Path file = dir.resolve(DemoVpc.objectKey(e.getKey()));
            Files.createDirectories(file.getParent());
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
                os.write(DemoVpc.fileText(e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return files.size();
    }
}
