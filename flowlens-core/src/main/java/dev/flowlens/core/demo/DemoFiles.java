package dev.flowlens.core.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The demo VPC's flow logs written as S3 delivers them: a gzip object per five minutes under the
 * S3 key layout, each whole or not at all (written beside, then moved into place). {@code flowlens
 * demo} and {@code flowlens spark demo} write these. A file already there with the same bytes is
 * left as it is (its time too), so a lake's manifest, which knows files by size and time, skips it.
 */
public final class DemoFiles {
    /** What was written. */
    public record Written(int files, long records) {}

    private DemoFiles() {}

    /** Writes the flow logs of {@code vpc} under {@code dir}. */
    public static Written write(DemoVpc vpc, Path dir) throws IOException {
        Map<Long, List<String>> files = vpc.files();
        long records = 0;
        for (Map.Entry<Long, List<String>> e : files.entrySet()) {
            Path file = dir.resolve(DemoVpc.objectKey(e.getKey()));
            Path folder = file.getParent();
            Files.createDirectories(folder);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream os = new GZIPOutputStream(bytes)) {
                os.write(DemoVpc.fileText(e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            byte[] content = bytes.toByteArray();
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
                Path tmp = folder.resolve(file.getFileName() + ".tmp");
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            records += e.getValue().size();
        }
        return new Written(files.size(), records);
    }
}
