package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.ingest;
import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.testing.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ingest in a child JVM, killed ({@code destroyForcibly}, SIGKILL) at named moments that the
 * child reports through {@link IngestListener#reached} (listing, parsing, just before a commit,
 * during a commit, between commits, after the last), then run again: the workspace is consistent after every kill (each file whole or absent) and the final
 * rows are exactly the expected ones, no duplicate, no loss. Then a rerun adds nothing, and the same
 * content under another name is skipped.
 */
class TestIngestKill {
    private static final int FILES = 24;
    private static final int RECORDS = 3000;

    @TempDir
    Path tmp;

    @Test
    void killedIngestsResumeToExactlyTheExpectedRows() throws Exception {
        Path data = tmp.resolve("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/05/01");
        Files.createDirectories(data);
        Map<String, Long> bytesByFile = new HashMap<>();
        Random r = new Random(11);
        for (int i = 0; i < FILES; i++) {
            String name = String.format(
                    "123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20240501T%02d%02dZ_%08x.log%s",
                    i / 12, i % 12 * 5, i * 2654435761L & 0xffffffffL, i % 3 == 0 ? "" : ".gz");
            Path f = data.resolve(name);
            StringBuilder b = new StringBuilder(
                    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n");
            long sum = 0;
            for (int k = 0; k < RECORDS; k++) {
                long bytes = 40 + r.nextInt(100_000);
                sum += bytes;
                b.append("2 123456789012 eni-0a1b2c3d4e5f6")
                        .append(String.format("%04d", i))
                        .append(" 10.0.")
                        .append(k % 250)
                        .append('.')
                        .append(1 + i)
                        .append(" 172.31.0.")
                        .append(1 + k % 200)
                        .append(' ')
                        .append(32768 + k)
                        .append(" 443 6 ")
                        .append(1 + k % 50)
                        .append(' ')
                        .append(bytes)
                        .append(" 1714521600 1714521660 ACCEPT OK\n");
            }
            byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out =
                    name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
                out.write(text);
            }
            bytesByFile.put(f.toAbsolutePath().normalize().toString(), sum);
        }
        Path db = tmp.resolve("ws.db");

        // Each round resumes from what the previous kill left; one worker makes the counts exact, two
        // workers bound them (the other worker may finish the commit it is inside). Groups hold two files.
        assertThat(killAt(db, data, 1, "LISTED", 1, true, bytesByFile))
                .as("killed while listing")
                .isZero();
        assertThat(killAt(db, data, 1, "BATCH_READ", 3, true, bytesByFile))
                .as("killed while parsing")
                .isZero();
        assertThat(killAt(db, data, 1, "COMMITTING", 1, true, bytesByFile))
                .as("killed just before the first commit")
                .isZero();
        assertThat(killAt(db, data, 1, "COMMITTED", 2, true, bytesByFile))
                .as("killed between commits")
                .isEqualTo(4);
        assertThat(killAt(db, data, 1, "COMMITTING", 2, false, bytesByFile))
                .as("killed during a commit")
                .isIn(6L, 8L);
        long before = checkConsistent(db, bytesByFile);
        assertThat(killAt(db, data, 2, "COMMITTED", 3, true, bytesByFile))
                .as("two workers killed between commits")
                .isIn(before + 6, before + 8);
        assertThat(killAt(db, data, 2, "FINISHED", 1, true, bytesByFile))
                .as("killed after the last commit")
                .isEqualTo(FILES);

        runChild(db, data, 2, "none", 0, true);
        assertThat(checkConsistent(db, bytesByFile)).isEqualTo(FILES);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo((long) FILES * RECORDS);

        // a rerun adds nothing
        IngestSummary again = ingest(db, null, List.of(data));
        assertThat(again.filesLoaded()).isZero();
        assertThat(again.filesSkipped()).isEqualTo(FILES);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo((long) FILES * RECORDS);

        // the same content under another name (and another time) is recognised and skipped
        Path copy = tmp.resolve("copy-of-a-file.log.gz");
        Files.copy(
                data.resolve(Files.list(data)
                        .filter(p -> p.toString().endsWith(".gz"))
                        .findFirst()
                        .orElseThrow()
                        .getFileName()),
                copy);
        IngestSummary renamed = ingest(db, null, List.of(copy));
        assertThat(renamed.filesSkipped()).isEqualTo(1);
        assertThat(renamed.records()).isZero();
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo((long) FILES * RECORDS);
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM files")).isEqualTo(FILES);
    }

    /**
     * Every file in the catalog has exactly its records (lines 2..RECORDS+1, once each, the right byte
     * total), no file is there twice, and no record belongs to a file outside the catalog. Returns
     * how many files are loaded.
     */
    private static long checkConsistent(Path db, Map<String, Long> bytesByFile) throws Exception {
        List<Map<String, Object>> files = query(
                db,
                "SELECT files.path, files.records, count(f.line) AS n, count(DISTINCT f.line) AS d, "
                        + "min(f.line) AS lo, max(f.line) AS hi, sum(f.bytes) AS total FROM files LEFT JOIN flows f USING (file_id) "
                        + "GROUP BY files.path, files.records");
        for (Map<String, Object> f : files) {
            String path = (String) f.get("path");
            assertThat(bytesByFile).containsKey(path);
            assertThat(f)
                    .as(path)
                    .containsEntry("records", (long) RECORDS)
                    .containsEntry("n", (long) RECORDS)
                    .containsEntry("d", (long) RECORDS)
                    .containsEntry("lo", 2L)
                    .containsEntry("hi", (long) RECORDS + 1);
            assertThat(((Number) f.get("total")).longValue()).as(path).isEqualTo(bytesByFile.get(path));
        }
        assertThat(query(db, "SELECT path FROM files GROUP BY path HAVING count(*) > 1"))
                .isEmpty();
        assertThat(IngestTesting.count(
                        db, "SELECT count(*) FROM flows WHERE file_id NOT IN (SELECT file_id FROM files)"))
                .isZero();
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isEqualTo((long) files.size() * RECORDS);
        return files.size();
    }

    /** Runs a child that stops at the {@code nth} {@code point}, kills it there, and checks the workspace; returns the files loaded. */
    private long killAt(
            Path db, Path data, int threads, String point, int nth, boolean pause, Map<String, Long> bytesByFile)
            throws Exception {
        runChild(db, data, threads, point, nth, pause);
        return checkConsistent(db, bytesByFile);
    }

    /**
     * Runs the ingest in a child JVM. With a point, waits until the child prints that it reached it,
     * then kills it (SIGKILL); without one ({@code none}), expects it to finish with exit code 0.
     */
    private void runChild(Path db, Path data, int threads, String point, int nth, boolean pause)
            throws IOException, InterruptedException {
        ChildJvm.killAt(
                ChildJvm.of(
                        tmp,
                        "256m",
                        IngestChild.class,
                        db.toString(),
                        String.valueOf(threads),
                        String.valueOf(2 * RECORDS),
                        point,
                        String.valueOf(nth),
                        pause ? "pause" : "go",
                        data.toString()),
                point,
                nth);
    }
}
