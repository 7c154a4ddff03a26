package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.ingest;
import static dev.flowlens.store.ingest.IngestTesting.ingestWith;
import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.ErrorType;
import dev.flowlens.core.error.FlowlensException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt and truncated gzip, missing paths and strict mode. */
class TestIngestFailures {
    private static final String HEADER = V2Records.HEADER;

    @TempDir
    Path tmp;

    private static byte[] records(int n, int salt) {
        return (HEADER + V2Records.lines(salt, 0, n, 1)).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void truncatedGzipIsReportedByNameWithWhatWasLoadedAndOtherFilesStillLoad() throws Exception {
        byte[] z = TestIngestFuzz.gzip(records(20_000, 1));
        Path truncated = tmp.resolve("truncated.log.gz");
        Files.write(truncated, java.util.Arrays.copyOf(z, z.length / 2));
        Path good = tmp.resolve("good.log");
        Files.write(good, records(100, 2));
        Path db = tmp.resolve("ws.db");
        IngestSummary s = ingest(db, null, List.of(truncated, good));
        assertThat(s.filesLoaded()).isEqualTo(1);
        assertThat(s.filesFailed()).isEqualTo(1);
        assertThat(s.failures()).singleElement().satisfies(f -> {
            assertThat(f.path())
                    .isEqualTo(truncated.toAbsolutePath().normalize().toString());
            assertThat(f.status()).isEqualTo(FileResult.Status.PARTIAL);
            assertThat(f.error()).contains("truncated gzip");
            assertThat(f.records()).isBetween(1000L, 19_999L);
        });
        long loadedFromTruncated = s.failures().get(0).records();
        assertThat(IngestTesting.flowsOf(db, "truncated.log.gz"))
                .hasSize((int) loadedFromTruncated)
                .allSatisfy(r -> assertThat(r.get("dstaddr")).isEqualTo("172.31.0.9"));
        assertThat(IngestTesting.flowsOf(db, "good.log")).hasSize(100);
        assertThat(query(db, "SELECT status, error, records FROM files WHERE ends_with(path, '/truncated.log.gz')"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r).containsEntry("status", "PARTIAL").containsEntry("records", loadedFromTruncated));
        // every record read before the cut is whole: the cut-off last line is a located bad line, not a record
        assertThat(query(db, "SELECT reason FROM bad_lines WHERE ends_with(path, '/truncated.log.gz')"))
                .allSatisfy(r -> assertThat((String) r.get("reason")).contains("cut off"));
    }

    @Test
    void corruptGzipIsReportedByNameAndOtherFilesStillLoad() throws Exception {
        byte[] z = TestIngestFuzz.gzip(records(20_000, 3));
        for (int i = z.length / 2; i < z.length / 2 + 64; i++) {
            z[i] ^= 0x5a;
        }
        Path corrupt = tmp.resolve("corrupt.log.gz");
        Files.write(corrupt, z);
        Path good = tmp.resolve("good.log.gz");
        Files.write(good, TestIngestFuzz.gzip(records(50, 4)));
        Path db = tmp.resolve("ws.db");
        IngestSummary s = ingest(db, null, List.of(corrupt, good));
        assertThat(s.filesLoaded()).isEqualTo(1);
        assertThat(s.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(corrupt.toAbsolutePath().normalize().toString());
            assertThat(f.status()).isIn(FileResult.Status.PARTIAL, FileResult.Status.FAILED);
            assertThat(f.error()).containsAnyOf("corrupt gzip", "truncated gzip");
        });
        assertThat(IngestTesting.flowsOf(db, "good.log.gz")).hasSize(50);
        // what was read before the damage is kept and counted
        Map<String, Object> row = query(
                        db, "SELECT status, records FROM files WHERE ends_with(path, '/corrupt.log.gz')")
                .get(0);
        assertThat(IngestTesting.flowsOf(db, "corrupt.log.gz")).hasSize(((Long) row.get("records")).intValue());
    }

    @Test
    void aMissingPathIsAClearError() {
        Path missing = tmp.resolve("no-such-folder/file.log.gz");
        assertThatThrownBy(() -> ingest(tmp.resolve("ws.db"), null, List.of(missing)))
                .isInstanceOfSatisfying(FlowlensException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PATH_NOT_FOUND);
                    assertThat(e.code().type()).isEqualTo(ErrorType.FAILURE);
                    assertThat(e.getMessage()).contains(missing.toString()).contains("no such file or folder");
                });
    }

    @Test
    void anUnreadablePathIsAClearError() throws Exception {
        Path secret = tmp.resolve("secret.log");
        Files.write(secret, records(1, 5));
        assertThat(secret.toFile().setReadable(false, false)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                Files.isReadable(secret), "running as root: every file is readable");
        assertThatThrownBy(() -> ingest(tmp.resolve("ws.db"), null, List.of(secret)))
                .isInstanceOfSatisfying(FlowlensException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PATH_UNREADABLE);
                    assertThat(e.getMessage()).contains(secret.toString()).contains("permission denied");
                });
    }

    @Test
    void strictStopsAtTheFirstBadLineWithAFailureCode() throws Exception {
        Path f = tmp.resolve("one-bad.log");
        String text = new String(records(10, 6), StandardCharsets.US_ASCII).replace("10 845 ", "ten 845 ");
        Files.writeString(f, text);
        Path db = tmp.resolve("ws.db");
        assertThatThrownBy(() -> ingestWith(db, new IngestOptions(null, true, 1, 64), List.of(f)))
                .isInstanceOfSatisfying(FlowlensException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_LINE_STRICT);
                    assertThat(e.code().type()).isEqualTo(ErrorType.FAILURE); // exit code 1
                    assertThat(e.getMessage())
                            .contains(f.toAbsolutePath().normalize() + ":7")
                            .contains("packets")
                            .contains("ten");
                });
        // nothing of the stopped file is committed
        assertThat(IngestTesting.count(db, "SELECT count(*) FROM flows")).isZero();
        // without --strict the same file loads its good lines and records the bad one
        IngestSummary s = ingest(db, null, List.of(f));
        assertThat(s.records()).isEqualTo(9);
        assertThat(query(db, "SELECT line, field, text FROM bad_lines"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("line", 7L)
                        .containsEntry("field", "packets")
                        .containsEntry("text", "ten"));
    }
}
