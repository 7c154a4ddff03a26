package dev.flowlens.spark;

import dev.flowlens.core.demo.DemoVpc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The demo VPC's flow logs in the S3 layout, gzip, as {@code flowlens demo} writes them. */
final class DemoFiles {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDER =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private DemoFiles() {}

    /** Writes the files under {@code dir}; returns how many. */
    static int write(Path dir, long seed) throws IOException {
        Map<Long, List<String>> files = new DemoVpc(seed).files();
        for (Map.Entry<Long, List<String>> e : files.entrySet()) {
            Instant t = Instant.ofEpochSecond(e.getKey());
            Path folder = dir.resolve("AWSLogs")
                    .resolve(DemoVpc.ACCOUNT)
                    .resolve("vpcflowlogs")
                    .resolve(DemoVpc.REGION)
                    .resolve(FOLDER.format(t));
            Files.createDirectories(folder);
            Path file = folder.resolve(DemoVpc.ACCOUNT + "_vpcflowlogs_" + DemoVpc.REGION + "_" + DemoVpc.FLOW_LOG_ID
                    + "_" + FILE_TIME.format(t) + "_" + Long.toHexString(e.getKey()) + ".log.gz");
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
                os.write((DemoVpc.FORMAT.headerLine() + "\n").getBytes(StandardCharsets.UTF_8));
                for (String l : e.getValue()) {
                    os.write(l.getBytes(StandardCharsets.UTF_8));
                    os.write('\n');
                }
            }
        }
        return files.size();
    }
}
