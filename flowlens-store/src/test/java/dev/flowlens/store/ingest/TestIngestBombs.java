package dev.flowlens.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.testing.ChildJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzip bomb (a small file that inflates to hundreds of megabytes without a newline), an endless
 * line in plain text and an oversized JSON document, among good files, ingested by a child JVM with
 * a 96 MB heap: each becomes a located bad line or a reported file, read in bounded memory, and
 * every good file still loads.
 */
class TestIngestBombs {
    private static final String HEADER = V2Records.HEADER;

    @TempDir
    Path tmp;

    private static String records(int salt, int n) {
        return HEADER + V2Records.lines(salt, 0, n, 0);
    }

    @Test
    void bombsAndEndlessLinesAreBadLinesReadInBoundedMemoryAndGoodFilesStillLoad() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a-good.log"), records(1, 100));
        // 400 MB of zeros, no newline, after a header and one record; then a good record
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(logs.resolve("b-bomb.log.gz")), 1 << 16)) {
            o.write(records(2, 1).getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                o.write(zeros);
            }
            o.write(("\n" + records(3, 1).substring(HEADER.length())).getBytes(StandardCharsets.US_ASCII));
        }
        // an endless line of text at the end of a plain file
        try (OutputStream o = Files.newOutputStream(logs.resolve("c-endless.log"))) {
            o.write(records(4, 10).getBytes(StandardCharsets.US_ASCII));
            byte[] xs = new byte[1 << 20];
            java.util.Arrays.fill(xs, (byte) 'x');
            for (int i = 0; i < 150; i++) {
                o.write(xs);
            }
        }
        // a JSON document larger than the reader takes whole
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(logs.resolve("d-huge.json.gz")), 1 << 16)) {
            o.write("[{\"message\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 100; i++) {
                o.write(spaces);
            }
            o.write("\"}]".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(logs.resolve("e-good.log"), records(5, 100));
        Path db = tmp.resolve("ws.db");

        Process p = ChildJvm.of(
                        tmp, "96m", IngestChild.class, db.toString(), "2", "0", "none", "0", "go", logs.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = ChildJvm.output(p, null);
        assertThat(p.waitFor()).as(String.join("\n", output)).isZero();

        assertThat(IngestTesting.flowsOf(db, "a-good.log")).hasSize(100);
        assertThat(IngestTesting.flowsOf(db, "e-good.log")).hasSize(100);
        assertThat(IngestTesting.flowsOf(db, "b-bomb.log.gz"))
                .hasSize(2); // the records before and after the endless line
        assertThat(IngestTesting.query(
                        db, "SELECT line, reason FROM bad_lines WHERE ends_with(path, '/b-bomb.log.gz')"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r).containsEntry("line", 3L);
                    assertThat((String) r.get("reason")).contains("line longer than 1 MiB");
                });
        assertThat(IngestTesting.flowsOf(db, "c-endless.log")).hasSize(10);
        assertThat(IngestTesting.query(db, "SELECT line FROM bad_lines WHERE ends_with(path, '/c-endless.log')"))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("line", 12L));
        assertThat(IngestTesting.query(db, "SELECT status, error FROM files WHERE ends_with(path, '/d-huge.json.gz')"))
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("error")).contains("JSON content over 16 MiB"));
        TestIngestDuplicates.assertConsistent(db);
    }
}
